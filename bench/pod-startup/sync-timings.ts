import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatencyRecorder } from '../support/stats.js';
import { ms, renderTable } from '../support/table.js';

/** The node agent's 'pod sync timings' log line (apps/node-agent/src/pods/sync-steps.ts). */
interface TimingLine {
  msg?: string;
  pod?: string;
  steps?: Record<string, number>;
  totalMs?: number;
}

/**
 * Per step, the wall time node-agent syncs that started something spent in it, for the pods
 * of `namespace`, read from the cluster's node agent logs. Steps overlap across pods (syncs
 * run concurrently), so per-pod times add up to more than the phase took.
 */
export function syncTimings(logDir: string, namespace: string): Map<string, LatencyRecorder> {
  const byStep = new Map<string, LatencyRecorder>();
  const files = readdirSync(logDir).filter((f) => f.includes('node-agent'));
  for (const file of files) {
    for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
      if (!line.includes('"pod sync timings"')) continue;
      let entry: TimingLine;
      try {
        entry = JSON.parse(line) as TimingLine;
      } catch {
        continue;
      }
      if (!entry.pod?.startsWith(`${namespace}/`) || !entry.steps) continue;
      for (const [step, value] of [...Object.entries(entry.steps), ['sync total', entry.totalMs ?? NaN] as const]) {
        let recorder = byStep.get(step);
        if (!recorder) byStep.set(step, (recorder = new LatencyRecorder()));
        recorder.record(value);
      }
    }
  }
  return byStep;
}

export function syncTimingsTable(phase: string, timings: Map<string, LatencyRecorder>): string {
  return renderTable(
    [`${phase}: node agent step`, 'syncs', 'mean ms', 'p50 ms', 'p99 ms', 'max ms'],
    [...timings].map(([step, recorder]) => {
      const s = recorder.summary();
      const mean = recorder.samples.reduce((a, b) => a + b, 0) / (recorder.samples.length || 1);
      return [step, s.count, ms(mean), ms(s.p50), ms(s.p99), ms(s.max)];
    }),
  );
}
