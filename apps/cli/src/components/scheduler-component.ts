import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** kube-scheduler's port; kubenest serves /healthz, /readyz and /metrics there, on loopback. */
export const SCHEDULER_PORT = 10259;

export function schedulerComponent(
  config: CliConfig,
  kubeconfig: string,
  redisUrl: string,
  projectRoot: string,
): ComponentSpec {
  return nodeProcessComponent({
    name: 'scheduler',
    projectRoot,
    env: { KUBENEST_KUBECONFIG: kubeconfig, REDIS_URL: redisUrl, KUBENEST_SCHEDULER_PORT: String(SCHEDULER_PORT) },
    readiness: httpGetProbe(`http://127.0.0.1:${SCHEDULER_PORT}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [SCHEDULER_PORT],
  });
}
