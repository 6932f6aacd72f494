import { SinkRequestError } from './sink.js';

/** The parts of both clients' errors we read: ResponseError carries meta.statusCode and meta.headers. */
interface ClientError {
  name?: string;
  message?: string;
  meta?: { statusCode?: number | null; headers?: Record<string, unknown> | null; body?: unknown };
}

// Connection refused/reset, timeouts, no living node: the request may not have been processed.
const TRANSIENT = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError']);

/** A whole-request failure as the contract's SinkRequestError: 429, 5xx and transport faults are retryable. */
export function toSinkRequestError(error: unknown, what: string): SinkRequestError {
  if (error instanceof SinkRequestError) return error;
  const e = (error ?? {}) as ClientError;
  const statusCode = e.meta?.statusCode ?? undefined;
  if (e.name === 'ResponseError' && statusCode !== undefined) {
    const retryable = statusCode === 429 || statusCode >= 500;
    const retryAfter = retryAfterMs(e.meta?.headers?.['retry-after']);
    return new SinkRequestError(
      `${what} failed with HTTP ${statusCode}: ${reasonOf(e.meta?.body) ?? e.message}`,
      statusCode,
      retryable,
      retryAfter,
    );
  }
  return new SinkRequestError(`${what} failed: ${e.message ?? String(error)}`, undefined, TRANSIENT.has(e.name ?? ''));
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function reasonOf(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string') return error;
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
