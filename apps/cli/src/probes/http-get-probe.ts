import { readFile } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { ReadinessProbe } from '../supervisor/component-spec.js';

/**
 * Ready when GET <url> answers 200: over TLS verified with the CA in caPath for https URLs
 * (read on every check, because the component may create it on its first start), plain
 * HTTP for the components' loopback health ports.
 */
export function httpGetProbe(url: string, caPath?: string, timeoutMs = 2000): ReadinessProbe {
  return {
    description: `GET ${url}`,
    async check() {
      const tls = url.startsWith('https:');
      const ca = tls && caPath ? await readFile(caPath) : undefined;
      return new Promise<boolean>((resolve) => {
        // agent: false, so no keep-alive socket outlives the probe.
        const options = { ca, agent: false as const, timeout: timeoutMs };
        const onResponse = (response: import('node:http').IncomingMessage) => {
          response.resume();
          resolve(response.statusCode === 200);
        };
        const request = tls ? httpsGet(url, options, onResponse) : httpGet(url, options, onResponse);
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(false));
      });
    },
  };
}
