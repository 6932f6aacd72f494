import { resolve } from 'node:path';
import { ConfigError, ConfigReader, LOG_LEVELS, parsers, type LogLevel } from '../../../apiserver/src/config/index.js';

export interface GatewayConfig {
  /** The gateway's own identity at the apiserver (shared watches, token reviews). */
  kubeconfigPath: string;
  port: number;
  bindAddress: string;
  /** Both set: HTTPS with this certificate; both absent: plain HTTP (loopback only). */
  tls: { certFile: string; keyFile: string } | undefined;
  /** The dashboard's Vite build, served at `/`. */
  dashboardDir: string;
  /** Per client: messages and bytes queued for a socket before its watches are resynced (Overflow). */
  clientBufferMessages: number;
  clientBufferBytes: number;
  /** Per shared upstream watch: how many recent events a reconnecting client can resume from. */
  replayEvents: number;
  /** Changes to a subscription are sent at most once per this many ms. */
  batchIntervalMs: number;
  /** How long a token's TokenReview answer is reused. */
  tokenCacheSeconds: number;
  metricsIntervalSeconds: number;
  logLevel: LogLevel;
}

export const GATEWAY_DEFAULTS = {
  port: 8080,
  bindAddress: '127.0.0.1',
  dashboardDir: 'dist/dashboard',
  clientBufferMessages: 1000,
  clientBufferBytes: 16 * 1024 * 1024,
  replayEvents: 10_000,
  batchIntervalMs: 50,
  tokenCacheSeconds: 10,
  metricsIntervalSeconds: 10,
} as const;

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/**
 * The gateway's configuration from env vars (over an optional KUBENEST_CONFIG YAML file);
 * throws a ConfigError listing every invalid value. docs/gateway.md documents each one.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): GatewayConfig {
  const reader = new ConfigReader({ env, cwd });
  const d = GATEWAY_DEFAULTS;
  const own = (key: string, name: string) => ({ key, env: name, inFile: false });
  const kubeconfigPath = reader.optional(own('kubeconfig', 'KUBENEST_KUBECONFIG'), parsers.absolutePath);
  const certFile = reader.optional(own('gatewayTlsCertFile', 'KUBENEST_GATEWAY_TLS_CERT_FILE'), parsers.absolutePath);
  const keyFile = reader.optional(own('gatewayTlsKeyFile', 'KUBENEST_GATEWAY_TLS_KEY_FILE'), parsers.absolutePath);
  const bindAddress = reader.read(
    own('gatewayBindAddress', 'KUBENEST_GATEWAY_BIND_ADDRESS'),
    parsers.ipAddress,
    d.bindAddress,
  );
  const config: GatewayConfig = {
    kubeconfigPath: kubeconfigPath ?? '',
    port: reader.read(own('gatewayPort', 'KUBENEST_GATEWAY_PORT'), parsers.port, d.port),
    bindAddress,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    dashboardDir: reader.read(
      own('gatewayDashboardDir', 'KUBENEST_GATEWAY_DASHBOARD_DIR'),
      parsers.absolutePath,
      resolve(cwd, d.dashboardDir),
    ),
    clientBufferMessages: reader.read(
      own('gatewayClientBufferMessages', 'KUBENEST_GATEWAY_CLIENT_BUFFER_MESSAGES'),
      parsers.positiveInteger,
      d.clientBufferMessages,
    ),
    clientBufferBytes: reader.read(
      own('gatewayClientBufferBytes', 'KUBENEST_GATEWAY_CLIENT_BUFFER_BYTES'),
      parsers.byteSize,
      d.clientBufferBytes,
    ),
    replayEvents: reader.read(
      own('gatewayReplayEvents', 'KUBENEST_GATEWAY_REPLAY_EVENTS'),
      parsers.positiveInteger,
      d.replayEvents,
    ),
    batchIntervalMs: reader.read(
      own('gatewayBatchIntervalMs', 'KUBENEST_GATEWAY_BATCH_INTERVAL_MS'),
      parsers.positiveInteger,
      d.batchIntervalMs,
    ),
    tokenCacheSeconds: reader.read(
      own('gatewayTokenCacheSeconds', 'KUBENEST_GATEWAY_TOKEN_CACHE_SECONDS'),
      parsers.positiveInteger,
      d.tokenCacheSeconds,
    ),
    metricsIntervalSeconds: reader.read(
      own('gatewayMetricsIntervalSeconds', 'KUBENEST_GATEWAY_METRICS_INTERVAL_SECONDS'),
      parsers.positiveInteger,
      d.metricsIntervalSeconds,
    ),
    logLevel: reader.read({ key: 'logLevel', env: 'KUBENEST_LOG_LEVEL' }, parsers.oneOf(LOG_LEVELS), 'info'),
  };
  const problems: string[] = [];
  if (!kubeconfigPath) problems.push('KUBENEST_KUBECONFIG must be set: the kubeconfig the gateway connects with');
  if (Boolean(certFile) !== Boolean(keyFile))
    problems.push('KUBENEST_GATEWAY_TLS_CERT_FILE and KUBENEST_GATEWAY_TLS_KEY_FILE must be set together');
  // Bearer tokens travel in every request: plain HTTP is only acceptable where nobody else listens.
  if (!config.tls && !LOOPBACK.has(bindAddress))
    problems.push(`KUBENEST_GATEWAY_BIND_ADDRESS ${bindAddress} is not loopback: set the TLS certificate and key too`);
  try {
    reader.finish('gateway', { allowUnknownFileKeys: true });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length) throw new ConfigError('gateway', problems);
  return config;
}
