import { performance } from 'node:perf_hooks';

/**
 * Now as RFC3339 with nanosecond digits, the form of Docker's json-file "time" field.
 * performance.now() adds the sub-millisecond part that Date lacks (microsecond precision).
 */
export function rfc3339Nano(): string {
  const epochMs = performance.timeOrigin + performance.now();
  const wholeMs = Math.floor(epochMs);
  const nanos = Math.round((epochMs - wholeMs) * 1e6);
  const iso = new Date(wholeMs).toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(nanos).padStart(6, '0').slice(0, 6)}Z`;
}
