import type { ApiErrorBody, MetricsHandlers, MetricsMessage } from '../connection/protocol.js';
import type { UsageSample } from '../model/k8s-types.js';
import { parseQuantity } from '../model/quantity.js';
import { Listeners } from './listeners.js';

export interface UsagePoint {
  time: number;
  cpu: number;
  memory: number;
}

/** Points kept per object: at the node agents' default 10 s sampling interval, the last 10 minutes. */
export const HISTORY_POINTS = 60;

function usageOf(sample: UsageSample): { cpu: number; memory: number } {
  if (sample.usage)
    return { cpu: parseQuantity(sample.usage.cpu) ?? 0, memory: parseQuantity(sample.usage.memory) ?? 0 };
  // PodMetrics carry usage per container.
  let cpu = 0;
  let memory = 0;
  for (const c of sample.containers ?? []) {
    cpu += parseQuantity(c.usage.cpu) ?? 0;
    memory += parseQuantity(c.usage.memory) ?? 0;
  }
  return { cpu, memory };
}

/** Usage over time per node or pod ("namespace/name"), from a metrics subscription. */
export class MetricsHistory implements MetricsHandlers {
  readonly series = new Map<string, UsagePoint[]>();
  /** The sum of every object's latest sample, once per message that brought a new one. */
  private readonly totals: UsagePoint[] = [];
  readonly listeners = new Listeners();
  /** undefined until the first sample or error: available, or why not. */
  unavailable: string | undefined;
  received = false;
  version = 0;

  metrics(message: MetricsMessage): void {
    const fallback = Date.parse(message.timestamp) || Date.now();
    const seen = new Set<string>();
    let fresh = false;
    for (const sample of message.samples) {
      const key = sample.metadata.namespace
        ? `${sample.metadata.namespace}/${sample.metadata.name}`
        : sample.metadata.name;
      seen.add(key);
      const points = this.series.get(key) ?? [];
      const time = Date.parse(sample.timestamp ?? '') || fallback;
      if (points.length && points[points.length - 1].time >= time) continue;
      points.push({ time, ...usageOf(sample) });
      fresh = true;
      if (points.length > HISTORY_POINTS) points.shift();
      this.series.set(key, points);
    }
    // Objects gone from the samples (deleted pods) no longer have a current usage.
    for (const key of this.series.keys()) if (!seen.has(key)) this.series.delete(key);
    if (fresh) this.addTotal(fallback);
    this.received = true;
    this.unavailable = undefined;
    this.changed();
  }

  error(error: ApiErrorBody): void {
    this.unavailable = error.message || error.reason;
    this.changed();
  }

  latest(key: string): UsagePoint | undefined {
    const points = this.series.get(key);
    return points?.[points.length - 1];
  }

  /**
   * Cluster-wide usage over time: at each message, the sum of every object's latest sample.
   * Nodes sample on their own clocks, so summing points with equal timestamps would add up
   * one node at a time.
   */
  total(): UsagePoint[] {
    return this.totals;
  }

  private addTotal(time: number): void {
    const sum = { time, cpu: 0, memory: 0 };
    for (const points of this.series.values()) {
      sum.cpu += points[points.length - 1].cpu;
      sum.memory += points[points.length - 1].memory;
    }
    this.totals.push(sum);
    if (this.totals.length > HISTORY_POINTS) this.totals.shift();
  }

  private changed(): void {
    this.version++;
    this.listeners.notify();
  }
}
