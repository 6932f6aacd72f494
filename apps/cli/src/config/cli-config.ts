import { resolve } from 'node:path';
import { ConfigReader, parsers } from '../../../apiserver/src/config/index.js';
import type { RuntimeChoice } from '../cluster/container-runtime-setup.js';

export interface CliConfig {
  /** Absolute; the cluster's PKI, tokens, Redis data, logs and admin.kubeconfig. */
  dataDir: string;
  securePort: number;
  bindAddress: string;
  /** An external Redis; undefined means `up` starts its own. */
  redisUrl: string | undefined;
  extraSans: string[];
  readyTimeoutSeconds: number;
  /** How pods run: docker when it can be had, else host processes (auto); or forced. */
  runtime: RuntimeChoice;
  /** all: the whole single-node cluster; apiserver: Redis and the apiserver only. */
  components: 'all' | 'apiserver';
  /** The fixed loopback ports of the other components; env-only, so test clusters can run side by side. */
  ports: ComponentPorts;
  /** Serve the gateway over HTTPS with a certificate from the cluster CA instead of plain HTTP on loopback. */
  gatewayTls: boolean;
}

export interface ComponentPorts {
  kubelet: number;
  nodeAgentHealth: number;
  controllerManager: number;
  scheduler: number;
  /** The gateway (socket.io and the dashboard): 8080 over HTTP, 8443 with KUBENEST_GATEWAY_TLS=true. */
  gateway: number;
}

/** Command-line options as commander parses them; absent when not given. */
export interface CliFlags {
  dataDir?: string;
  port?: string;
  bindAddress?: string;
  redisUrl?: string;
  tlsSan?: string[];
  readyTimeout?: string;
  runtime?: string;
  components?: string;
}

export const CLI_DEFAULTS = {
  dataDir: '.kubenest',
  securePort: 6443,
  bindAddress: '127.0.0.1',
  readyTimeoutSeconds: 120,
  // Kubernetes' own: kubelet 10250 (health 10248), kube-controller-manager 10257, kube-scheduler 10259.
  ports: { kubelet: 10250, nodeAgentHealth: 10248, controllerManager: 10257, scheduler: 10259 },
  gatewayPorts: { http: 8080, https: 8443 },
} as const;

/**
 * Flags over env vars over the KUBENEST_CONFIG file over defaults. The env var names are the
 * apiserver's, so `up` hands the same values on and one file can serve both: the file may hold
 * apiserver-only keys (hence allowUnknownFileKeys) but never CLI-only ones (inFile: false).
 */
export function loadCliConfig(flags: CliFlags, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CliConfig {
  const reader = new ConfigReader({
    env,
    cwd,
    flags: {
      dataDir: flags.dataDir,
      securePort: flags.port,
      bindAddress: flags.bindAddress,
      redisUrl: flags.redisUrl,
      extraSans: flags.tlsSan?.length ? flags.tlsSan : undefined,
      readyTimeoutSeconds: flags.readyTimeout,
      runtime: flags.runtime,
      components: flags.components,
    },
  });
  const d = CLI_DEFAULTS;
  const gatewayTls = reader.read(
    { key: 'gatewayTls', env: 'KUBENEST_GATEWAY_TLS', inFile: false },
    parsers.oneOf(['true', 'false'] as const),
    'false',
  );
  const config: CliConfig = {
    dataDir: reader.read(
      { key: 'dataDir', env: 'KUBENEST_DATA_DIR', flag: '--data-dir' },
      parsers.absolutePath,
      resolve(cwd, d.dataDir),
    ),
    securePort: reader.read(
      { key: 'securePort', env: 'KUBENEST_SECURE_PORT', flag: '--port' },
      parsers.port,
      d.securePort,
    ),
    bindAddress: reader.read(
      { key: 'bindAddress', env: 'KUBENEST_BIND_ADDRESS', flag: '--bind-address' },
      parsers.ipAddress,
      d.bindAddress,
    ),
    redisUrl: reader.optional({ key: 'redisUrl', env: 'REDIS_URL', flag: '--redis-url' }, parsers.redisUrl),
    extraSans: reader.read(
      { key: 'extraSans', env: 'KUBENEST_EXTRA_SANS', flag: '--tls-san' },
      parsers.subjectAltNames,
      [],
    ),
    readyTimeoutSeconds: reader.read(
      { key: 'readyTimeoutSeconds', env: 'KUBENEST_READY_TIMEOUT_SECONDS', flag: '--ready-timeout', inFile: false },
      parsers.positiveInteger,
      d.readyTimeoutSeconds,
    ),
    runtime: reader.read(
      { key: 'runtime', env: 'KUBENEST_RUNTIME', flag: '--runtime', inFile: false },
      parsers.oneOf(['auto', 'docker', 'process'] as const),
      'auto',
    ),
    components: reader.read(
      { key: 'components', env: 'KUBENEST_COMPONENTS', flag: '--components', inFile: false },
      parsers.oneOf(['all', 'apiserver'] as const),
      'all',
    ),
    ports: {
      kubelet: envPort(reader, 'kubelet', 'KUBENEST_KUBELET_PORT', d.ports.kubelet),
      nodeAgentHealth: envPort(reader, 'nodeAgentHealth', 'KUBENEST_NODE_AGENT_HEALTH_PORT', d.ports.nodeAgentHealth),
      controllerManager: envPort(
        reader,
        'controllerManager',
        'KUBENEST_CONTROLLER_MANAGER_PORT',
        d.ports.controllerManager,
      ),
      scheduler: envPort(reader, 'scheduler', 'KUBENEST_SCHEDULER_PORT', d.ports.scheduler),
      gateway: envPort(
        reader,
        'gateway',
        'KUBENEST_GATEWAY_PORT',
        gatewayTls === 'true' ? d.gatewayPorts.https : d.gatewayPorts.http,
      ),
    },
    gatewayTls: gatewayTls === 'true',
  };
  reader.finish('kubenest', { allowUnknownFileKeys: true });
  return config;
}

function envPort(reader: ConfigReader, key: string, env: string, fallback: number): number {
  return reader.read({ key: `${key}Port`, env, inFile: false }, parsers.port, fallback);
}
