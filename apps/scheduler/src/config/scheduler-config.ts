/** The scheduler's typed configuration, from the environment, checked at start. */
export interface SchedulerConfig {
  kubeconfigPath: string;
  redisUrl: string;
  port: number;
  bindAddress: string;
  concurrency: number;
  ledgerResyncMs: number;
}

export function loadSchedulerConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const kubeconfigPath = env['KUBENEST_KUBECONFIG'];
  const redisUrl = env['REDIS_URL'];
  if (!kubeconfigPath) throw new Error('KUBENEST_KUBECONFIG must name the kubeconfig the scheduler connects with');
  if (!redisUrl) throw new Error('REDIS_URL must name the Redis of the cluster (redis://, rediss:// or unix://)');
  const port = Number(env['KUBENEST_SCHEDULER_PORT'] ?? 10259);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`KUBENEST_SCHEDULER_PORT must be a port number, not "${env['KUBENEST_SCHEDULER_PORT']}"`);
  }
  const concurrency = Number(env['KUBENEST_SCHEDULER_CONCURRENCY'] ?? 16);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('KUBENEST_SCHEDULER_CONCURRENCY must be >= 1');
  return { kubeconfigPath, redisUrl, port, bindAddress: '127.0.0.1', concurrency, ledgerResyncMs: 30_000 };
}
