import { LatencyRecorder, type LatencySummary } from '../support/stats.js';
import { latencyCells, rate, renderTable } from '../support/table.js';

/** One line of the api benchmark's table. */
export interface Row {
  /** Stable id for the reading, e.g. 'create-paced' or 'watch'. */
  id: string;
  step: string;
  clients: number | string;
  throughput: number;
  latency: LatencySummary;
  /** Failures by kind, or why the step could not run at all. */
  errors: string;
  /** An observation that is not a failure, e.g. the open loop's backlog. */
  note?: string;
}

export function rowFrom(
  id: string,
  step: string,
  clients: number | string,
  throughput: number,
  recorder: LatencyRecorder,
): Row {
  return { id, step, clients, throughput, latency: recorder.summary(), errors: recorder.describeErrors() };
}

/** A step that could not run (e.g. the apiserver refused the setup): shown, not hidden. */
export function failedRow(id: string, step: string, clients: number | string, error: unknown): Row {
  const recorder = new LatencyRecorder();
  recorder.fail(error);
  return {
    ...rowFrom(id, step, clients, Number.NaN, recorder),
    errors: `step failed: ${(error as Error)?.message ?? String(error)}`.slice(0, 200),
  };
}

export function renderRows(rows: readonly Row[]): string {
  return renderTable(
    ['step', 'clients', 'ops/s', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'errors'],
    rows.map((r) => [r.step, r.clients, rate(r.throughput), ...latencyCells(r.latency), r.latency.errors]),
  );
}

export function renderErrors(rows: readonly Row[]): string[] {
  return rows.filter((r) => r.errors).map((r) => `- ${r.step}, ${r.clients} clients: ${r.errors}`);
}

export function renderNotes(rows: readonly Row[]): string[] {
  return rows.filter((r) => r.note).map((r) => `- ${r.step}, ${r.clients} clients: ${r.note}`);
}
