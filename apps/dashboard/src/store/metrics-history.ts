import type { ApiErrorBody, MetricsHandlers, MetricsMessage } from '../connection/protocol.js';
import type { UsageSample } from '../model/k8s-types.js';
import { parseQuantity } from '../model/quantity.js';
import { Listeners } from './listeners.js';

export interface UsagePoint {
  time: number;
  cpu: number;
  memory: number;
}

/** Points kept per object: at the usual 15 s sampling interval, the last 15 minutes. */
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
  readonly listeners = new Listeners();
  /** undefined until the first sample or error: available, or why not. */
  unavailable: string | undefined;
  received = false;
  version = 0;

  metrics(message: MetricsMessage): void {
    const fallback = Date.parse(message.timestamp) || Date.now();
    const seen = new Set<string>();
    for (const sample of message.samples) {
      const key = sample.metadata.namespace
        ? `${sample.metadata.namespace}/${sample.metadata.name}`
        : sample.metadata.name;
      seen.add(key);
      const points = this.series.get(key) ?? [];
      const time = Date.parse(sample.timestamp ?? '') || fallback;
      if (points.length && points[points.length - 1].time >= time) continue;
      points.push({ time, ...usageOf(sample) });
      if (points.length > HISTORY_POINTS) points.shift();
      this.series.set(key, points);
    }
    // Objects gone from the samples (deleted pods) no longer have a current usage.
    for (const key of this.series.keys()) if (!seen.has(key)) this.series.delete(key);
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

  /** The sum over every object at each sampling instant, for cluster-wide charts. */
  total(): UsagePoint[] {
    const byTime = new Map<number, UsagePoint>();
    for (const points of this.series.values())
      for (const p of points) {
        const sum = byTime.get(p.time) ?? { time: p.time, cpu: 0, memory: 0 };
        sum.cpu += p.cpu;
        sum.memory += p.memory;
        byTime.set(p.time, sum);
      }
    return [...byTime.values()].sort((a, b) => a.time - b.time).slice(-HISTORY_POINTS);
  }

  private changed(): void {
    this.version++;
    this.listeners.notify();
  }
}
