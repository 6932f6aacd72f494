/** Docker json-file lines for specs, with distinct nanosecond times as Docker writes them. */
let sequence = 0;

export function jsonFileLine(log: string, stream = 'stdout'): string {
  const nanos = String(++sequence).padStart(9, '0');
  return `${JSON.stringify({ log, stream, time: `2026-01-02T03:04:05.${nanos}Z` })}\n`;
}
