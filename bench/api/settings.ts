import type { Timing } from '../support/load.js';

/** Durations and sizes; `--quick` shrinks them for trying the benchmark out, and says so in the report. */
export interface Settings {
  quick: boolean;
  concurrency: number[];
  closed: Timing;
  paced: Timing & { rate: number; clients: number };
  watch: Timing & { rate: number; drainMs: number };
  listSizes: number[];
  redisRequests: number;
}

export function settingsFrom(argv: string[]): Settings {
  const quick = argv.includes('--quick');
  return {
    quick,
    concurrency: [1, 16, 64],
    closed: quick ? { warmupMs: 500, durationMs: 2_000 } : { warmupMs: 2_000, durationMs: 10_000 },
    paced: {
      rate: 200,
      clients: 16,
      ...(quick ? { warmupMs: 1_000, durationMs: 3_000 } : { warmupMs: 3_000, durationMs: 15_000 }),
    },
    watch: {
      rate: 50,
      drainMs: 5_000,
      ...(quick ? { warmupMs: 1_000, durationMs: 3_000 } : { warmupMs: 2_000, durationMs: 10_000 }),
    },
    listSizes: [100, 1_000],
    redisRequests: quick ? 20_000 : 100_000,
  };
}
