import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliConfig } from '../config/cli-config.js';
import { httpsGetProbe } from '../probes/https-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { apiserverUrl } from '../cluster/apiserver-url.js';

/**
 * The apiserver as a child process. Configuration travels as the env vars its config loader
 * reads, overriding any KUBENEST_CONFIG file it shares with us. It creates or reuses the PKI
 * and tokens itself; readiness is /readyz, verified against the cluster CA.
 */
export function apiserverComponent(config: CliConfig, redisUrl: string, projectRoot: string): ComponentSpec {
  const entry = join(projectRoot, 'dist', 'apps', 'apiserver', 'src', 'main.js');
  return {
    name: 'apiserver',
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    cwd: projectRoot,
    env: {
      ...process.env,
      KUBENEST_DATA_DIR: config.dataDir,
      REDIS_URL: redisUrl,
      KUBENEST_BIND_ADDRESS: config.bindAddress,
      KUBENEST_SECURE_PORT: String(config.securePort),
      KUBENEST_EXTRA_SANS: config.extraSans.join(','),
    },
    async preflight() {
      await access(entry).catch(() => {
        throw new Error(`the apiserver is not built (${entry} is missing): run npx tsc -p tsconfig.json`);
      });
    },
    readiness: httpsGetProbe(`${apiserverUrl(config)}/readyz`, join(config.dataDir, 'pki', 'ca.crt')),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    stopTimeoutMs: 15_000,
  };
}
