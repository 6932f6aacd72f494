import type { ControllerSettings } from '../controller-context.js';

/** The controller-manager's typed configuration, from the environment, checked at start. */
export interface ControllerManagerConfig {
  kubeconfigPath: string;
  redisUrl: string;
  port: number;
  bindAddress: string;
  /** Names of the controllers to run; undefined: all. */
  controllers: string[] | undefined;
  settings: ControllerSettings;
}

/** Every problem at once, one per line, so a misconfigured start is fixed in one go. */
export function loadControllerManagerConfig(
  env: NodeJS.ProcessEnv,
  knownControllers: readonly string[],
): ControllerManagerConfig {
  const problems: string[] = [];
  const required = (name: string, why: string) => {
    const value = env[name];
    if (!value) problems.push(`${name} must be set: ${why}`);
    return value ?? '';
  };
  const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
      return fallback;
    }
    return value;
  };

  const kubeconfigPath = required('KUBENEST_KUBECONFIG', 'the kubeconfig the controller-manager connects with');
  const redisUrl = required(
    'REDIS_URL',
    'the Redis of the cluster for the work queues (redis://, rediss:// or unix://)',
  );
  if (redisUrl && !/^(rediss?|unix):\/\//i.test(redisUrl))
    problems.push('REDIS_URL must start with redis://, rediss:// or unix://');
  const port = integer('KUBENEST_CONTROLLER_MANAGER_PORT', 10257, 0, 65535);
  const nodeMonitorGracePeriodSeconds = integer('KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS', 40, 1);
  const defaultEvictionTolerationSeconds = integer('KUBENEST_DEFAULT_EVICTION_TOLERATION_SECONDS', 300, 0);
  const concurrency = integer('KUBENEST_CONTROLLER_CONCURRENCY', 5, 1, 100);
  const resyncPeriodMs = integer('KUBENEST_RESYNC_PERIOD_SECONDS', 300, 0) * 1000;

  const listed = env['KUBENEST_CONTROLLERS']?.trim();
  let controllers: string[] | undefined;
  if (listed && listed !== '*') {
    controllers = listed
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = controllers.filter((name) => !knownControllers.includes(name));
    if (unknown.length)
      problems.push(
        `KUBENEST_CONTROLLERS names unknown controllers ${unknown.join(', ')}; known: ${knownControllers.join(', ')}`,
      );
  }
  const level = env['KUBENEST_LOG_LEVEL'];
  if (level && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level))
    problems.push(`KUBENEST_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "${level}"`);

  if (problems.length) throw new Error(`invalid controller-manager configuration:\n  ${problems.join('\n  ')}`);
  return {
    kubeconfigPath,
    redisUrl,
    port,
    bindAddress: '127.0.0.1',
    controllers,
    settings: { nodeMonitorGracePeriodSeconds, defaultEvictionTolerationSeconds, resyncPeriodMs, concurrency },
  };
}
