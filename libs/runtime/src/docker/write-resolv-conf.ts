import { writeFile } from 'node:fs/promises';
import type { SandboxConfig } from '../container-runtime.js';

/**
 * The pod's resolv.conf, written into the pause sandbox (its containers share the file), as
 * dockershim did: Docker would otherwise point a sandbox on a user-defined network at its
 * embedded DNS (127.0.0.11, using Dns only as its upstream) and give one without a network
 * the host's file, while pods must see the cluster DNS itself.
 */
export async function writeResolvConf(path: string, dns: NonNullable<SandboxConfig['dns']>): Promise<void> {
  const lines = dns.nameservers.map((server) => `nameserver ${server}`);
  if (dns.searches.length) lines.push(`search ${dns.searches.join(' ')}`);
  if (dns.options.length) lines.push(`options ${dns.options.join(' ')}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}
