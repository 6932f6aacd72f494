import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Pod } from '#api';
import { DEFAULT_INDEX_NAMING, searchFromEnv } from '#search';
import type { LoggingConfig } from './config/logging-config.js';
import { LoggingMetrics } from './logging-metrics.js';
import { LogShipper } from './log-shipper.js';

export interface LogShippingOptions {
  config: LoggingConfig;
  nodeName: string;
  pods: { get(namespace: string, name: string): Pod | undefined };
  registry: Registry;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts container log shipping when a search engine is configured (the ELASTICSEARCH_* env
 * vars every component reads); resolves undefined, with a log line, when none is. A bad setting
 * throws at start. The engine is not needed at start: the connection is made in the background
 * (searchFromEnv) and deliveries wait for it, while the shipper's disk buffer holds the lines.
 */
export async function startLogShipping(options: LogShippingOptions): Promise<{ stop(): Promise<void> } | undefined> {
  const { config, logger } = options;
  const search = searchFromEnv({
    pipeline: 'logs',
    env: options.env,
    registry: options.registry,
    logger,
    onRetry: (event) => logger.warn(event, 'the search engine did not take log records; retrying'),
    // Only the logs template; a prefix other than the default gets a template name of its own, so
    // installations (and tests) with different prefixes never replace each other's template.
    templates: ['logs'],
    naming: { logs: config.indexPrefix },
    templateNamePrefix: config.indexPrefix === DEFAULT_INDEX_NAMING.logs ? '' : `${config.indexPrefix}-`,
  });
  if (!search) {
    logger.info('no ELASTICSEARCH_URL: container logs are not shipped (the log links are kept)');
    return undefined;
  }
  const shipper = new LogShipper({
    config: { ...config, indexPrefix: search.naming.logs },
    delivery: search.delivery,
    pods: options.pods,
    nodeName: options.nodeName,
    metrics: new LoggingMetrics(options.registry),
    logger,
  });
  await shipper.start();
  return {
    async stop() {
      await shipper.stop();
      await search.sink.close();
    },
  };
}
