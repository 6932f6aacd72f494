import { malformed } from '../malformed.js';

/**
 * metav1.Time marshals as RFC 3339 in whole seconds, MicroTime with exactly six fractional
 * digits; both in UTC with a "Z".
 */
export function formatRfc3339(seconds: bigint, nanos: number, fractionDigits: 0 | 6): string {
  const millis = Number(seconds) * 1000;
  const date = new Date(millis);
  if (!Number.isFinite(date.getTime())) throw malformed(`timestamp ${seconds}s is out of range`);
  const base = date.toISOString().slice(0, -5); // drop ".mmmZ"
  if (fractionDigits === 0) return `${base}Z`;
  const micros = Math.floor(Math.min(Math.max(nanos, 0), 999_999_999) / 1000);
  return `${base}.${String(micros).padStart(6, '0')}Z`;
}
