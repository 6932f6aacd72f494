import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Pod } from '#api';
import type { Informer } from '#client';
import type { ContainerRuntime } from '#runtime';
import type { SearchPipeline } from '#search';
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
  search?: SearchPipeline;
}): Promise<NodeMetrics> {
  const { search, pods, logger } = options;
  const dropped = new Counter({
    name: 'kubenest_metrics_documents_dropped_total',
    help: 'Metric documents dropped because the engine did not take them before the in-memory queue filled',
    registers: [options.registry],
  });
  const shipper = search && new MetricsShipper(search.delivery, logger, dropped);
  const metricsIndexPrefix = search?.naming.metrics ?? '';
  const podOf = (uid: string) => pods.list().find((p) => p.metadata.uid === uid);
  const sampler = new MetricsSampler({
    nodeName: options.nodeName,
    rootDir: options.rootDir,
    runtime: options.runtime,
    pods,
    cgroups: options.runtime.name === 'docker' ? new CgroupStats() : undefined,
    intervalMs: options.intervalSeconds * 1000,
    logger,
    onSample: shipper && ((summary) => shipper.ship(metricDocuments(summary, podOf, metricsIndexPrefix))),
  });
  await sampler.start();
  return {
    sampler,
    async stop() {
      await sampler.stop();
      await shipper?.close();
      await search?.sink.close();
    },
  };
}
