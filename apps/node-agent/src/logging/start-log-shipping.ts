import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Pod } from '#api';
import { BulkDelivery, DEFAULT_INDEX_NAMING, OpenSearchSink, kubenestIndexTemplates, type SearchSink } from '#search';
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
 * Starts container log shipping when a search engine is configured (ELASTICSEARCH_URL, or
 * OPENSEARCH_URL, with ELASTICSEARCH_USERNAME/PASSWORD, ELASTICSEARCH_API_KEY or
 * ELASTICSEARCH_CA_FILE); resolves undefined, with a log line, when none is. The logs index
 * template is installed before the first delivery, and again after every start (it is idempotent).
 */
export async function startLogShipping(options: LogShippingOptions): Promise<{ stop(): Promise<void> } | undefined> {
  const env = options.env ?? process.env;
  const url = env['ELASTICSEARCH_URL'] || env['OPENSEARCH_URL'];
  if (!url) {
    options.logger.info('no ELASTICSEARCH_URL: container logs are not shipped (the log links are kept)');
    return undefined;
  }
  const sink = OpenSearchSink.fromOptions({
    url,
    username: env['ELASTICSEARCH_USERNAME'],
    password: env['ELASTICSEARCH_PASSWORD'],
    apiKey: env['ELASTICSEARCH_API_KEY'],
    caFile: env['ELASTICSEARCH_CA_FILE'],
  });
  const delivery = new BulkDelivery({
    sink,
    pipeline: 'logs',
    registry: options.registry,
    onRetry: (event) => options.logger.warn(event, 'the search engine did not take log records; retrying'),
  });
  const shipper = new LogShipper({
    config: options.config,
    delivery,
    pods: options.pods,
    nodeName: options.nodeName,
    metrics: new LoggingMetrics(options.registry),
    logger: options.logger,
    prepare: () => installLogsTemplate(sink, options.config.indexPrefix),
  });
  await shipper.start();
  return {
    async stop() {
      await shipper.stop();
      await sink.close();
    },
  };
}

/**
 * The engine's logs template for this prefix. A prefix other than the default gets a template
 * name of its own, so that installations (and tests) with different prefixes never replace
 * each other's template.
 */
async function installLogsTemplate(sink: SearchSink, prefix: string): Promise<void> {
  const templateNamePrefix = prefix === DEFAULT_INDEX_NAMING.logs ? '' : `${prefix}-`;
  const templates = kubenestIndexTemplates({ naming: { logs: prefix }, templateNamePrefix });
  const name = `${templateNamePrefix}kubenest-logs`;
  await sink.putIndexTemplate(name, templates[name]);
}
