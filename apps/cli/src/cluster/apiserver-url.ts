import { isIPv6 } from 'node:net';

/**
 * The URL clients on this machine use: a wildcard bind address is not an address to
 * connect to, so 0.0.0.0 becomes 127.0.0.1 and :: becomes ::1 (both in the certificate).
 */
export function apiserverUrl({ bindAddress, securePort }: { bindAddress: string; securePort: number }): string {
  const host = bindAddress === '0.0.0.0' ? '127.0.0.1' : bindAddress === '::' ? '::1' : bindAddress;
  return `https://${isIPv6(host) ? `[${host}]` : host}:${securePort}`;
}
