import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** kube-scheduler; it serves /healthz, /readyz and /metrics on config.ports.scheduler, on loopback. */
export function schedulerComponent(
  config: CliConfig,
  kubeconfig: string,
  redisUrl: string,
  projectRoot: string,
): ComponentSpec {
  return nodeProcessComponent({
    name: 'scheduler',
    projectRoot,
    env: {
      KUBENEST_KUBECONFIG: kubeconfig,
      REDIS_URL: redisUrl,
      KUBENEST_SCHEDULER_PORT: String(config.ports.scheduler),
    },
    readiness: httpGetProbe(`http://127.0.0.1:${config.ports.scheduler}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [config.ports.scheduler],
  });
}
