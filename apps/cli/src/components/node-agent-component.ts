import { createHash } from 'node:crypto';
import type { CliConfig } from '../config/cli-config.js';
import type { NodeCredentials } from '../cluster/component-credentials.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** The runtime label naming the cluster (by its data dir) that created a container. */
export const CLUSTER_LABEL = 'kubenest.io/cluster';

export function clusterId(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/**
 * The node agent of this machine. It leaves its pods running when it stops (as the kubelet
 * does), so `up` stopping and starting again adopts them instead of restarting them.
 */
export function nodeAgentComponent(
  config: CliConfig,
  node: NodeCredentials,
  runtime: 'docker' | 'process',
  projectRoot: string,
): ComponentSpec {
  return nodeProcessComponent({
    name: 'node-agent',
    projectRoot,
    env: {
      KUBENEST_KUBECONFIG: node.kubeconfig,
      KUBENEST_NODE_NAME: node.nodeName,
      KUBENEST_DATA_DIR: config.dataDir,
      KUBENEST_RUNTIME: runtime,
      KUBENEST_KUBELET_CERT: node.certPath,
      KUBENEST_KUBELET_KEY: node.keyPath,
      KUBENEST_HEALTH_PORT: String(config.ports.nodeAgentHealth),
      KUBENEST_KUBELET_PORT: String(config.ports.kubelet),
      KUBENEST_NODE_ROLE: 'control-plane',
      // A single-machine cluster talks to its node on loopback only.
      KUBENEST_NODE_IP: '127.0.0.1',
      KUBENEST_KUBELET_BIND_ADDRESS: '127.0.0.1',
      // Everything this cluster runs carries its label, so clusters sharing a Docker daemon never see each other's pods.
      KUBENEST_RUNTIME_SCOPE_LABELS: `${CLUSTER_LABEL}=${clusterId(config.dataDir)}`,
    },
    readiness: httpGetProbe(`http://127.0.0.1:${config.ports.nodeAgentHealth}/readyz`),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [config.ports.nodeAgentHealth, config.ports.kubelet],
  });
}
