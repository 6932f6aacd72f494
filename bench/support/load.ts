import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencyRecorder } from './stats.js';

export interface Timing {
  /** Operations started before this much time has passed are run but not recorded. */
  warmupMs: number;
  /** The measured window that follows the warm-up. */
  durationMs: number;
}

export interface LoadResult {
  /** Successful operations started in the measured window, per second of that window. */
  throughput: number;
}

/**
 * An operation; `worker` picks the client, `seq` makes names unique, `measured` says whether
 * its latency will be recorded (false during the warm-up).
 */
export type Operation = (worker: number, seq: number, measured: boolean) => Promise<void>;

/**
 * Closed loop: each of `workers` runs `op` back to back, so the offered load adapts to the
 * server's speed. Latency is from the call to its settlement.
 */
export async function closedLoop(
  workers: number,
  timing: Timing,
  op: Operation,
  recorder: LatencyRecorder,
): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + timing.warmupMs;
  const end = measureFrom + timing.durationMs;
  let seq = 0;
  let succeeded = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        const began = performance.now();
        const measured = began >= measureFrom;
        try {
          await op(worker, seq++, measured);
          if (measured) {
            recorder.record(performance.now() - began);
            succeeded++;
          }
        } catch (error) {
          if (measured) recorder.fail(error);
        }
      }
    }),
  );
  return { throughput: succeeded / (timing.durationMs / 1000) };
}

export interface OpenLoopResult extends LoadResult {
  /** Most operations outstanding at once: a backlog here means the server fell behind. */
  maxInFlight: number;
}

/**
 * Open loop: operation i is due at start + i/rate whether or not earlier ones finished, spread
 * round-robin over `workers` clients. Latency runs from the due time, not the actual send, so
 * a stall on our side or the server's shows up instead of being hidden (coordinated omission).
 */
export async function openLoop(
  ratePerSecond: number,
  workers: number,
  timing: Timing,
  op: Operation,
  recorder: LatencyRecorder,
): Promise<OpenLoopResult> {
  const interval = 1000 / ratePerSecond;
  const total = Math.round(((timing.warmupMs + timing.durationMs) / 1000) * ratePerSecond);
  const firstMeasured = Math.round((timing.warmupMs / 1000) * ratePerSecond);
  const start = performance.now();
  const pending = new Set<Promise<void>>();
  let maxInFlight = 0;
  let succeeded = 0;

  for (let i = 0; i < total;) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    // Fire every operation that is due by now, so timer lateness never lowers the rate.
    for (; i < total && start + i * interval <= performance.now(); i++) {
      const due = start + i * interval;
      const measured = i >= firstMeasured;
      const seq = i;
      const run: Promise<void> = op(seq % workers, seq, measured).then(
        () => {
          if (measured) {
            recorder.record(performance.now() - due);
            succeeded++;
          }
        },
        (error: unknown) => {
          if (measured) recorder.fail(error);
        },
      );
      pending.add(run);
      void run.finally(() => pending.delete(run));
      maxInFlight = Math.max(maxInFlight, pending.size);
    }
  }
  await Promise.all(pending);
  return { throughput: succeeded / (timing.durationMs / 1000), maxInFlight };
}
