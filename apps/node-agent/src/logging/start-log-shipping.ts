import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Pod } from '#api';
import {
  BulkDelivery,
  DEFAULT_INDEX_NAMING,
  createSink,
  kubenestIndexTemplates,
  sinkOptionsFromEnv,
  type BulkItem,
  type Delivery,
  type DeliveryReport,
  type SearchSink,
  type SinkOptions,
} from '#search';
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
 * throws at start. The engine is not needed at start: see ConnectingDelivery.
 */
export async function startLogShipping(options: LogShippingOptions): Promise<{ stop(): Promise<void> } | undefined> {
  const sinkOptions = sinkOptionsFromEnv(options.env);
  if (!sinkOptions) {
    options.logger.info('no ELASTICSEARCH_URL: container logs are not shipped (the log links are kept)');
    return undefined;
  }
  const delivery = new ConnectingDelivery(sinkOptions, options);
  const shipper = new LogShipper({
    config: options.config,
    delivery,
    pods: options.pods,
    nodeName: options.nodeName,
    metrics: new LoggingMetrics(options.registry),
    logger: options.logger,
  });
  await shipper.start();
  return {
    async stop() {
      await shipper.stop();
      await delivery.close();
    },
  };
}

/**
 * A BulkDelivery made on the first delivery: the engine is detected and the logs template
 * installed then, not at start, so a node agent whose engine is down still runs its pods and
 * buffers their logs. A failed connection fails that delivery; the shipper keeps the chunk and
 * tries again.
 */
class ConnectingDelivery implements Delivery {
  private sink?: SearchSink;
  private delivery?: BulkDelivery;

  constructor(
    private readonly sinkOptions: SinkOptions,
    private readonly options: LogShippingOptions,
  ) {}

  async deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport> {
    this.delivery ??= await this.connect();
    return this.delivery.deliver(items, signal);
  }

  async close(): Promise<void> {
    await this.sink?.close();
  }

  private async connect(): Promise<BulkDelivery> {
    const sink = await createSink(this.sinkOptions);
    try {
      await installLogsTemplate(sink, this.options.config.indexPrefix);
    } catch (error) {
      await sink.close();
      throw error;
    }
    this.sink = sink;
    const { logger, registry } = this.options;
    return new BulkDelivery({
      sink,
      pipeline: 'logs',
      registry,
      onRetry: (event) => logger.warn(event, 'the search engine did not take log records; retrying'),
    });
  }
}

/**
 * kubenest's logs template for this prefix. A prefix other than the default gets a template
 * name of its own, so that installations (and tests) with different prefixes never replace
 * each other's template; the default one is the same template every component installs.
 */
async function installLogsTemplate(sink: SearchSink, prefix: string): Promise<void> {
  const templateNamePrefix = prefix === DEFAULT_INDEX_NAMING.logs ? '' : `${prefix}-`;
  const templates = kubenestIndexTemplates({ naming: { logs: prefix }, templateNamePrefix });
  const name = `${templateNamePrefix}kubenest-logs`;
  await sink.putIndexTemplate(name, templates[name]);
}
