import type { Logger } from 'pino';
import type { Pod } from '#api';
import type { Informer } from '#client';
import { RuntimeLabels, type ContainerRuntime, type ContainerStatus } from '#runtime';
import type { CgroupStats } from './cgroup-stats.js';
import { readContainerUsage } from './container-usage.js';
import { nanoCoresBetween, type CpuReading } from './cpu-rate.js';
import { readNode } from './node-reader.js';
import { podTotals, type ContainerSummary, type PodSummary, type Summary } from './stats-summary.js';

export interface MetricsSamplerOptions {
  nodeName: string;
  /** The agent's data dir: the filesystem the node reports. */
  rootDir: string;
  runtime: ContainerRuntime;
  pods: Informer<Pod>;
  /** Docker containers' cgroups; undefined reads through the runtime only. */
  cgroups?: CgroupStats;
  intervalMs: number;
  logger: Logger;
  /** Called with every complete sample (the metrics index shipper). */
  onSample?(summary: Summary): void;
  procRoot?: string;
}

const NODE_KEY = '';

/**
 * Samples the node and its containers every interval, like the kubelet's cAdvisor
 * housekeeping, and keeps the latest Summary for /stats/summary and /metrics/resource. CPU
 * rates need two readings: the first sample after start only primes them, and a container
 * appears from its second reading on, as metrics-server leaves out what it has one point for.
 */
export class MetricsSampler {
  private readonly readings = new Map<string, CpuReading>();
  private timer?: NodeJS.Timeout;
  private current?: Summary;
  private readonly startTime = new Date().toISOString();
  private running?: Promise<void>;

  constructor(private readonly options: MetricsSamplerOptions) {}

  /** The first reading now, the first complete sample a second later, then one every interval. */
  async start(): Promise<void> {
    await this.sample();
    const tick = () => {
      this.running = this.sample()
        .then(() => undefined)
        .catch((err: unknown) => this.options.logger.warn({ err }, 'metrics sample failed'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setTimeout(
      () => {
        tick();
        this.timer = setInterval(tick, this.options.intervalMs);
      },
      Math.min(1000, this.options.intervalMs),
    );
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }

  /** The newest complete sample; undefined until two readings were taken. */
  latest(): Summary | undefined {
    return this.current;
  }

  async sample(): Promise<Summary | undefined> {
    const { options } = this;
    const atMs = Date.now();
    const time = new Date(atMs).toISOString();
    const node = readNode(options.rootDir, options.procRoot);
    const previousNode = this.readings.get(NODE_KEY);
    const nodeReading = { usageCoreNanoSeconds: node.usageCoreNanoSeconds, atMs };
    const pods = await this.samplePods(atMs, time);
    this.readings.set(NODE_KEY, nodeReading);
    if (!previousNode) return undefined;
    const summary: Summary = {
      node: {
        nodeName: options.nodeName,
        startTime: this.startTime,
        cpu: {
          time,
          usageNanoCores: nanoCoresBetween(previousNode, nodeReading),
          usageCoreNanoSeconds: node.usageCoreNanoSeconds,
        },
        memory: { time, ...node.memory },
        network: {
          time,
          ...(node.primary ?? {}),
          interfaces: node.interfaces,
        },
        fs: {
          time,
          ...node.fs,
          inodesUsed: node.fs.inodes - node.fs.inodesFree,
        },
      },
      pods,
      windowSeconds: (atMs - previousNode.atMs) / 1000,
    };
    this.current = summary;
    options.onSample?.(summary);
    return summary;
  }

  private async samplePods(atMs: number, time: string): Promise<PodSummary[]> {
    const { runtime, cgroups } = this.options;
    const running = (await runtime.listContainers()).filter((c) => c.state === 'running' && podUidOf(c));
    const seen = new Set<string>();
    const byPod = new Map<string, ContainerSummary[]>();
    for (const container of running) {
      const usage = await readContainerUsage(runtime, cgroups, container.id);
      if (!usage) continue;
      seen.add(container.id);
      const reading = { usageCoreNanoSeconds: usage.usageCoreNanoSeconds, atMs };
      const previous = this.readings.get(container.id);
      this.readings.set(container.id, reading);
      if (!previous) continue;
      const summaries = byPod.get(podUidOf(container)!) ?? [];
      summaries.push({
        name: container.labels[RuntimeLabels.containerName] ?? container.name,
        startTime: (container.startedAt ?? container.createdAt).toISOString(),
        cpu: {
          time,
          usageNanoCores: nanoCoresBetween(previous, reading),
          usageCoreNanoSeconds: usage.usageCoreNanoSeconds,
        },
        memory: { time, usageBytes: usage.usageBytes, workingSetBytes: usage.workingSetBytes },
      });
      byPod.set(podUidOf(container)!, summaries);
    }
    // Forget containers that are gone, so the map does not grow with every restart.
    for (const key of this.readings.keys()) if (key !== NODE_KEY && !seen.has(key)) this.readings.delete(key);
    return [...byPod].flatMap(([uid, containers]) => {
      const pod = this.options.pods.list().find((p) => p.metadata.uid === uid);
      if (!pod) return [];
      return [
        {
          podRef: { name: pod.metadata.name!, namespace: pod.metadata.namespace!, uid },
          startTime: pod.status?.startTime ?? pod.metadata.creationTimestamp ?? time,
          containers: containers.sort((a, b) => a.name.localeCompare(b.name)),
          ...podTotals(containers),
        },
      ];
    });
  }
}

function podUidOf(container: ContainerStatus): string | undefined {
  return container.labels[RuntimeLabels.podUid];
}
