import type { LatencySummary } from './stats.js';
/** One renderer for stdout and docs: an aligned Markdown table reads well in both. */
export type Cell = string | number;

export function renderTable(columns: readonly string[], rows: readonly Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = columns.map((column, i) => Math.max(column.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...text.map(line)].join('\n');
}

/** Milliseconds with a precision that suits their size; '-' when there is no sample. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function rate(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 100 ? 1 : 0) : '-';
}

/** The cells every latency table shows, in its column order: samples, p50, p99, max. */
export function latencyCells(summary: LatencySummary): Cell[] {
  return [summary.count, ms(summary.p50), ms(summary.p99), ms(summary.max)];
}
