import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

const PORTS = {
  'controller-manager': {
    env: 'KUBENEST_CONTROLLER_MANAGER_PORT',
    of: (config: CliConfig) => config.ports.controllerManager,
  },
  scheduler: { env: 'KUBENEST_SCHEDULER_PORT', of: (config: CliConfig) => config.ports.scheduler },
} as const;

/**
 * kube-controller-manager or kube-scheduler: a client of the apiserver (its own kubeconfig)
 * whose work queues live in Redis; it serves /healthz, /readyz and /metrics on its port in
 * config.ports, on loopback.
 */
export function controlLoopComponent(
  name: keyof typeof PORTS,
  config: CliConfig,
  kubeconfig: string,
  redisUrl: string,
  projectRoot: string,
): ComponentSpec {
  const port = PORTS[name].of(config);
  return nodeProcessComponent({
    name,
    projectRoot,
    env: { KUBENEST_KUBECONFIG: kubeconfig, REDIS_URL: redisUrl, [PORTS[name].env]: String(port) },
    readiness: httpGetProbe(`http://127.0.0.1:${port}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [port],
  });
}
