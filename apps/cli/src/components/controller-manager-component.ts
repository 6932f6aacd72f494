import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** kube-controller-manager's port; kubenest serves /healthz, /readyz and /metrics there, on loopback. */
export const CONTROLLER_MANAGER_PORT = 10257;

export function controllerManagerComponent(
  config: CliConfig,
  kubeconfig: string,
  redisUrl: string,
  projectRoot: string,
): ComponentSpec {
  return nodeProcessComponent({
    name: 'controller-manager',
    projectRoot,
    env: {
      KUBENEST_KUBECONFIG: kubeconfig,
      REDIS_URL: redisUrl,
      KUBENEST_CONTROLLER_MANAGER_PORT: String(CONTROLLER_MANAGER_PORT),
    },
    readiness: httpGetProbe(`http://127.0.0.1:${CONTROLLER_MANAGER_PORT}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [CONTROLLER_MANAGER_PORT],
  });
}
