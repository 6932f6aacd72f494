import type { Timing } from '../support/load.js';

/** Durations; `--quick` shrinks them for trying the benchmark out, and says so in the report. */
export interface TlsSettings {
  quick: boolean;
  closed: Timing & { clients: number[] };
  paced: Timing & { rate: number };
  sign: { warmupOps: number; durationMs: number };
}

export function tlsSettingsFrom(argv: string[]): TlsSettings {
  const quick = argv.includes('--quick');
  return {
    quick,
    closed: {
      clients: [1, 16],
      ...(quick ? { warmupMs: 500, durationMs: 2_000 } : { warmupMs: 2_000, durationMs: 10_000 }),
    },
    // The rate of the api benchmark's paced create step.
    paced: { rate: 200, ...(quick ? { warmupMs: 1_000, durationMs: 3_000 } : { warmupMs: 3_000, durationMs: 15_000 }) },
    sign: { warmupOps: quick ? 50 : 500, durationMs: quick ? 500 : 3_000 },
  };
}
