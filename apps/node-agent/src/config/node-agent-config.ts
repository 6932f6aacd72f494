import { isIP } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { parseQuantity } from '#api';
import { loadLoggingConfig, type LoggingConfig } from '../logging/config/logging-config.js';

type Taint = { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' };

/** The node agent's typed configuration, from the environment, checked at start. */
export interface NodeAgentConfig {
  kubeconfigPath: string;
  nodeName: string;
  /** undefined: docker when `docker info` works, else process. */
  runtime?: 'docker' | 'process';
  rootDir: string;
  /**
   * The kubelet's --pod-manifest-path: static pods (those `kubenest up` runs) to publish as mirror
   * pods. Off unless configured, as in the kubelet, so an agent without a data dir of its own
   * never publishes another cluster's components.
   */
  staticPodPath?: string;
  /** The InternalIP the node reports and the apiserver dials (kubelet --node-ip); detected when absent. */
  nodeIP?: string;
  kubeletPort: number;
  kubeletBindAddress: string;
  kubeletCertPath?: string;
  kubeletKeyPath?: string;
  healthPort: number;
  healthBindAddress: string;
  nodeLabels: Record<string, string>;
  registerWithTaints: Taint[];
  /** Labels put on everything the runtime creates (tests scope their containers with it). */
  runtimeScopeLabels: Record<string, string>;
  /**
   * The service proxy (kube-proxy's role): iptables (kernel DNAT, the default as root),
   * userspace (a Node.js TCP proxy; the default without root, node ports only), or off.
   */
  proxyMode?: 'iptables' | 'userspace' | 'off';
  /** The kubelet's --cluster-domain. */
  clusterDomain: string;
  /** The address the cluster DNS listens on and pods use (kubelet --cluster-dns); derived per agent when unset. */
  clusterDNS?: string;
  /** Resolvers for names outside the cluster domain (ip[:port]); default the host's loopback resolvers, if any. */
  dnsUpstream?: string[];
  /** Docker network name and subnet for pods; default the runtime's. */
  dockerNetwork?: { name: string; subnet: string };
  /** Who connects sandboxes to that network (KUBENEST_DOCKER_NETWORK_ATTACH): veth (the runtime) or docker; default the runtime's. */
  dockerNetworkAttach?: 'veth' | 'docker';
  /** Docker json-file rotation (KUBENEST_CONTAINER_LOG_MAX_SIZE/_FILES), as the kubelet's containerLogMaxSize/Files. */
  containerLogs: { maxSizeBytes: number; maxFiles: number };
  /** The kubelet's log links and container log shipping (docs/logging.md). */
  logging: LoggingConfig;
  /** Pods starting (sandbox and first containers) at once (KUBENEST_POD_STARTS_AT_ONCE); undefined for no limit. */
  podStartsAtOnce?: number;
  /** How often node and container metrics are sampled (KUBENEST_METRICS_INTERVAL_SECONDS, default 10). */
  metricsIntervalSeconds: number;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** No limit: on the 2-core machine of docs/benchmarks.md a limit gave a lower median but no better p99 (pod-startup). */
const DEFAULT_POD_STARTS_AT_ONCE = 'unlimited';

export function loadNodeAgentConfig(env: NodeJS.ProcessEnv = process.env): NodeAgentConfig {
  const errors: string[] = [];
  const kubeconfigPath = env['KUBENEST_KUBECONFIG'] ?? '';
  if (!kubeconfigPath) errors.push('KUBENEST_KUBECONFIG must name the kubeconfig the node agent connects with');
  const nodeName = (env['KUBENEST_NODE_NAME'] ?? os.hostname()).toLowerCase();
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(nodeName)) {
    errors.push(`KUBENEST_NODE_NAME "${nodeName}" is not a valid DNS subdomain name`);
  }
  const runtime = env['KUBENEST_RUNTIME'];
  if (runtime !== undefined && runtime !== 'docker' && runtime !== 'process') {
    errors.push(`KUBENEST_RUNTIME must be "docker" or "process", not "${runtime}"`);
  }
  const dataDir = env['KUBENEST_DATA_DIR'] ?? join(os.homedir(), '.kubenest');
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535)
      errors.push(`${name} must be a port number, not "${env[name]}"`);
    return value;
  };
  const certPath = env['KUBENEST_KUBELET_CERT'];
  const keyPath = env['KUBENEST_KUBELET_KEY'];
  if (Boolean(certPath) !== Boolean(keyPath)) errors.push('KUBENEST_KUBELET_CERT and KUBENEST_KUBELET_KEY go together');
  const rootDir = env['KUBENEST_NODE_AGENT_ROOT'] ?? join(dataDir, 'node-agent', nodeName);
  const config: NodeAgentConfig = {
    kubeconfigPath,
    nodeName,
    runtime: runtime as NodeAgentConfig['runtime'],
    rootDir,
    staticPodPath:
      env['KUBENEST_STATIC_POD_PATH'] ?? (env['KUBENEST_DATA_DIR'] ? join(dataDir, 'manifests') : undefined),
    kubeletPort: port('KUBENEST_KUBELET_PORT', 10250),
    nodeIP: optionalIP('KUBENEST_NODE_IP', env['KUBENEST_NODE_IP'], errors),
    kubeletBindAddress: env['KUBENEST_KUBELET_BIND_ADDRESS'] ?? '0.0.0.0',
    kubeletCertPath: certPath,
    kubeletKeyPath: keyPath,
    healthPort: port('KUBENEST_HEALTH_PORT', 10248),
    healthBindAddress: env['KUBENEST_HEALTH_BIND_ADDRESS'] ?? '127.0.0.1',
    nodeLabels: parseMap('KUBENEST_NODE_LABELS', env['KUBENEST_NODE_LABELS'], errors),
    registerWithTaints: parseTaints(env['KUBENEST_REGISTER_WITH_TAINTS'], errors),
    proxyMode: oneOf('KUBENEST_PROXY_MODE', env['KUBENEST_PROXY_MODE'], ['iptables', 'userspace', 'off'], errors),
    clusterDomain: env['KUBENEST_CLUSTER_DOMAIN'] ?? 'cluster.local',
    clusterDNS: optionalIP('KUBENEST_CLUSTER_DNS', env['KUBENEST_CLUSTER_DNS'], errors),
    dnsUpstream: env['KUBENEST_DNS_UPSTREAM']?.split(',').filter(Boolean),
    runtimeScopeLabels: parseMap('KUBENEST_RUNTIME_SCOPE_LABELS', env['KUBENEST_RUNTIME_SCOPE_LABELS'], errors),
    logging: loadLoggingConfig(env, rootDir, errors),
    metricsIntervalSeconds: Number(env['KUBENEST_METRICS_INTERVAL_SECONDS'] ?? 10),
    containerLogs: containerLogRotation(env, errors),
  };
  if (!(config.metricsIntervalSeconds >= 1 && config.metricsIntervalSeconds <= 3600)) {
    errors.push(
      `KUBENEST_METRICS_INTERVAL_SECONDS must be a number of seconds from 1 to 3600, not "${env['KUBENEST_METRICS_INTERVAL_SECONDS']}"`,
    );
  }
  const role = env['KUBENEST_NODE_ROLE'];
  if (role) config.nodeLabels[`node-role.kubernetes.io/${role}`] = '';
  const network = env['KUBENEST_DOCKER_NETWORK'];
  if (network) {
    const [name, subnet] = network.split('=');
    if (!name || !subnet) errors.push(`KUBENEST_DOCKER_NETWORK must be "<name>=<subnet>", not "${network}"`);
    else config.dockerNetwork = { name, subnet };
  }
  const startsAtOnce = env['KUBENEST_POD_STARTS_AT_ONCE'] ?? DEFAULT_POD_STARTS_AT_ONCE;
  if (startsAtOnce !== 'unlimited') {
    if (/^[1-9]\d*$/.test(startsAtOnce)) config.podStartsAtOnce = Number(startsAtOnce);
    else
      errors.push(`KUBENEST_POD_STARTS_AT_ONCE must be a positive whole number or "unlimited", not "${startsAtOnce}"`);
  }
  const attach = env['KUBENEST_DOCKER_NETWORK_ATTACH'];
  if (attach === 'veth' || attach === 'docker') config.dockerNetworkAttach = attach;
  else if (attach) errors.push(`KUBENEST_DOCKER_NETWORK_ATTACH must be "veth" or "docker", not "${attach}"`);
  if (errors.length > 0) throw new Error(`invalid node agent configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}

/** "a=b,c=d" (values may be empty). */
function parseMap(name: string, raw: string | undefined, errors: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    if (!key) errors.push(`${name}: "${pair}" is not key=value`);
    else map[key.trim()] = value.trim();
  }
  return map;
}

/** kubelet --register-with-taints syntax: "key=value:Effect,key:Effect". */
function parseTaints(raw: string | undefined, errors: string[]): Taint[] {
  return (raw ?? '')
    .split(',')
    .filter(Boolean)
    .flatMap((item) => {
      const match = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(item.trim());
      if (!match || !EFFECTS.includes(match[3])) {
        errors.push(
          `KUBENEST_REGISTER_WITH_TAINTS: "${item}" is not key[=value]:NoSchedule|PreferNoSchedule|NoExecute`,
        );
        return [];
      }
      return [{ key: match[1], ...(match[2] ? { value: match[2] } : {}), effect: match[3] as Taint['effect'] }];
    });
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: T[],
  errors: string[],
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value as T)) errors.push(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function optionalIP(name: string, value: string | undefined, errors: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIP(value) === 0) errors.push(`${name} must be an IP address, not "${value}"`);
  return value;
}

/** The kubelet's defaults: 10Mi per file, 5 files. */
function containerLogRotation(env: NodeJS.ProcessEnv, errors: string[]): NodeAgentConfig['containerLogs'] {
  const size = env['KUBENEST_CONTAINER_LOG_MAX_SIZE'] ?? '10Mi';
  let maxSizeBytes = 0;
  try {
    maxSizeBytes = parseQuantity(size).value();
  } catch {
    // reported below
  }
  if (!(maxSizeBytes >= 1024) || !Number.isInteger(maxSizeBytes)) {
    errors.push(`KUBENEST_CONTAINER_LOG_MAX_SIZE must be a byte quantity of at least 1Ki such as 10Mi, not "${size}"`);
  }
  const files = env['KUBENEST_CONTAINER_LOG_MAX_FILES'] ?? '5';
  const maxFiles = Number(files);
  if (!Number.isInteger(maxFiles) || maxFiles < 2) {
    errors.push(`KUBENEST_CONTAINER_LOG_MAX_FILES must be a whole number of at least 2, not "${files}"`);
  }
  return { maxSizeBytes, maxFiles };
}
