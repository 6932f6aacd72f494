import { join } from 'node:path';
import { apiserverUrl } from '../cluster/apiserver-url.js';
import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/**
 * The apiserver. Configuration travels as the env vars its config loader reads, overriding
 * any KUBENEST_CONFIG file it shares with us. It creates or reuses the PKI and tokens itself;
 * readiness is /readyz, verified against the cluster CA.
 */
export function apiserverComponent(config: CliConfig, redisUrl: string, projectRoot: string): ComponentSpec {
  return nodeProcessComponent({
    name: 'apiserver',
    projectRoot,
    env: {
      KUBENEST_DATA_DIR: config.dataDir,
      REDIS_URL: redisUrl,
      KUBENEST_BIND_ADDRESS: config.bindAddress,
      KUBENEST_SECURE_PORT: String(config.securePort),
      KUBENEST_EXTRA_SANS: config.extraSans.join(','),
    },
    readiness: httpGetProbe(`${apiserverUrl(config)}/readyz`, join(config.dataDir, 'pki', 'ca.crt')),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
  });
}
