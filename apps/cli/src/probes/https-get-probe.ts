import { readFile } from 'node:fs/promises';
import { get } from 'node:https';
import type { ReadinessProbe } from '../supervisor/component-spec.js';

/**
 * Ready when GET <url> answers 200 over TLS verified with the CA in caPath. The CA is read
 * on every check because the component itself may create it on its first start.
 */
export function httpsGetProbe(url: string, caPath: string, timeoutMs = 2000): ReadinessProbe {
  return {
    description: `GET ${url}`,
    async check() {
      const ca = await readFile(caPath);
      return new Promise<boolean>((resolve) => {
        // agent: false, so no keep-alive socket outlives the probe.
        const request = get(url, { ca, agent: false, timeout: timeoutMs }, (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        });
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(false));
      });
    },
  };
}
