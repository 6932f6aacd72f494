import { resolve } from 'node:path';
import {
  absolutePath,
  byteSize,
  ipAddress,
  oneOf,
  port,
  nodePortRange,
  positiveInteger,
  redisUrl,
  serviceIPRange,
  subjectAltNames,
} from './config-parsers.js';
import { ConfigReader } from './config-reader.js';
import { NodePortRange } from '../registry/services/node-port-range.js';
import { ServiceIPRange } from '../registry/services/service-ip-range.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ApiserverConfig {
  /** Absolute; holds pki/, tokens.csv and, under `kubenest up`, redis/ and logs/. */
  dataDir: string;
  redisUrl: string;
  bindAddress: string;
  securePort: number;
  /** Extra DNS names and IPs for the serving certificate. */
  extraSans: string[];
  /** Largest request body accepted; larger ones get 413 (Kubernetes' limit is 3 MiB). */
  maxRequestBodyBytes: number;
  /** How many recent changes the watch stream keeps; a watch from an older resourceVersion gets 410 Gone. */
  watchHistory: number;
  /** A watch without timeoutSeconds ends after a random time between this and twice this (kube-apiserver --min-request-timeout). */
  minRequestTimeoutSeconds: number;
  /** Events expire this long after their last write (kube-apiserver --event-ttl). */
  eventTtlSeconds: number;
  /** Cluster IPs of Services (kube-apiserver --service-cluster-ip-range). */
  serviceClusterIPRange: ServiceIPRange;
  /** Node ports of NodePort and LoadBalancer Services (--service-node-port-range). */
  serviceNodePortRange: NodePortRange;
  /** The address the `kubernetes` Service's Endpoints name (--advertise-address); the bind address unless that is a wildcard. */
  advertiseAddress: string;
  logLevel: LogLevel;
}

export const APISERVER_DEFAULTS = {
  dataDir: '.kubenest',
  redisUrl: 'redis://127.0.0.1:6379',
  bindAddress: '127.0.0.1',
  securePort: 6443,
  maxRequestBodyBytes: 3 * 1024 * 1024,
  watchHistory: 10_000,
  minRequestTimeoutSeconds: 1800,
  eventTtlSeconds: 3600,
  serviceClusterIPRange: '10.96.0.0/12',
  serviceNodePortRange: '30000-32767',
  logLevel: 'info',
} as const;

/**
 * The apiserver's configuration from env vars over an optional YAML file (KUBENEST_CONFIG)
 * over defaults; throws a ConfigError listing every invalid field. docs/configuration.md
 * documents each variable.
 */
export function loadApiserverConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ApiserverConfig {
  const reader = new ConfigReader({ env, cwd });
  const d = APISERVER_DEFAULTS;
  const config: Omit<ApiserverConfig, 'advertiseAddress'> = {
    dataDir: reader.read({ key: 'dataDir', env: 'KUBENEST_DATA_DIR' }, absolutePath, resolve(cwd, d.dataDir)),
    redisUrl: reader.read({ key: 'redisUrl', env: 'REDIS_URL' }, redisUrl, d.redisUrl),
    bindAddress: reader.read({ key: 'bindAddress', env: 'KUBENEST_BIND_ADDRESS' }, ipAddress, d.bindAddress),
    securePort: reader.read({ key: 'securePort', env: 'KUBENEST_SECURE_PORT' }, port, d.securePort),
    extraSans: reader.read({ key: 'extraSans', env: 'KUBENEST_EXTRA_SANS' }, subjectAltNames, []),
    maxRequestBodyBytes: reader.read(
      { key: 'maxRequestBodyBytes', env: 'KUBENEST_MAX_REQUEST_BODY_BYTES' },
      byteSize,
      d.maxRequestBodyBytes,
    ),
    watchHistory: reader.read({ key: 'watchHistory', env: 'KUBENEST_WATCH_HISTORY' }, positiveInteger, d.watchHistory),
    minRequestTimeoutSeconds: reader.read(
      { key: 'minRequestTimeoutSeconds', env: 'KUBENEST_MIN_REQUEST_TIMEOUT_SECONDS' },
      positiveInteger,
      d.minRequestTimeoutSeconds,
    ),
    eventTtlSeconds: reader.read(
      { key: 'eventTtlSeconds', env: 'KUBENEST_EVENT_TTL_SECONDS' },
      positiveInteger,
      d.eventTtlSeconds,
    ),
    serviceClusterIPRange: reader.read(
      { key: 'serviceClusterIPRange', env: 'KUBENEST_SERVICE_CLUSTER_IP_RANGE' },
      serviceIPRange,
      ServiceIPRange.parse(d.serviceClusterIPRange),
    ),
    serviceNodePortRange: reader.read(
      { key: 'serviceNodePortRange', env: 'KUBENEST_SERVICE_NODE_PORT_RANGE' },
      nodePortRange,
      NodePortRange.parse(d.serviceNodePortRange),
    ),
    logLevel: reader.read({ key: 'logLevel', env: 'KUBENEST_LOG_LEVEL' }, oneOf(LOG_LEVELS), d.logLevel),
  };
  const advertiseAddress = reader.read(
    { key: 'advertiseAddress', env: 'KUBENEST_ADVERTISE_ADDRESS' },
    ipAddress,
    isWildcard(config.bindAddress) ? '127.0.0.1' : config.bindAddress,
  );
  reader.finish('apiserver');
  return { ...config, advertiseAddress };
}

/** 0.0.0.0 and :: name no address a client can reach. */
function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}
