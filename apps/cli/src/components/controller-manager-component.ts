import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** kube-controller-manager; it serves /healthz, /readyz and /metrics on config.ports.controllerManager, on loopback. */
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
      KUBENEST_CONTROLLER_MANAGER_PORT: String(config.ports.controllerManager),
    },
    readiness: httpGetProbe(`http://127.0.0.1:${config.ports.controllerManager}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [config.ports.controllerManager],
  });
}
