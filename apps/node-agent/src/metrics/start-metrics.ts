import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Pod } from '#api';
import type { Informer } from '#client';
import type { ContainerRuntime } from '#runtime';
import { BulkDelivery, installIndexTemplates, sinkFor, type SearchSettings } from '#search';
import { CgroupStats } from './cgroup-stats.js';
import { metricDocuments } from './metric-documents.js';
import { MetricsSampler } from './metrics-sampler.js';
import { MetricsShipper } from './metrics-shipper.js';

export interface NodeMetrics {
  sampler: MetricsSampler;
  stop(): Promise<void>;
}

/**
 * Starts sampling, and with a Delivery (a search engine is configured) ships every sample to
 * the metrics index as well.
 */
export async function startNodeMetrics(options: {
  nodeName: string;
  rootDir: string;
  intervalSeconds: number;
  runtime: ContainerRuntime;
  pods: Informer<Pod>;
  registry: Registry;
  logger: Logger;
  /** The search engine to ship samples to, if one is configured. */
  search?: SearchSettings;
}): Promise<NodeMetrics> {
  const { search, pods, logger } = options;
  const dropped = new Counter({
    name: 'kubenest_metrics_documents_dropped_total',
    help: 'Metric documents dropped because the engine did not take them before the in-memory queue filled',
    registers: [options.registry],
  });
  const sink = search && sinkFor(search);
  if (sink) {
    // Idempotent; without the templates numbers would be mapped as keywords Kibana cannot chart.
    await installIndexTemplates(sink, { naming: search.naming, templateNamePrefix: search.prefix }).catch(
      (err: unknown) =>
        logger.warn({ err }, 'could not install the index templates; the engine may map metric fields wrongly'),
    );
  }
  const delivery =
    sink &&
    new BulkDelivery({
      sink,
      pipeline: 'metrics',
      deadLetterPrefix: search.naming.deadLetter,
      registry: options.registry,
      onRetry: (event) => logger.warn(event, 'metric delivery retrying'),
    });
  const shipper = delivery ? new MetricsShipper(delivery, logger, dropped) : undefined;
  const podOf = (uid: string) => pods.list().find((p) => p.metadata.uid === uid);
  const sampler = new MetricsSampler({
    nodeName: options.nodeName,
    rootDir: options.rootDir,
    runtime: options.runtime,
    pods,
    cgroups: options.runtime.name === 'docker' ? new CgroupStats() : undefined,
    intervalMs: options.intervalSeconds * 1000,
    logger,
    onSample: shipper && ((summary) => shipper.ship(metricDocuments(summary, podOf, search!.naming.metrics))),
  });
  await sampler.start();
  return {
    sampler,
    async stop() {
      await sampler.stop();
      await shipper?.close();
      await sink?.close();
    },
  };
}
