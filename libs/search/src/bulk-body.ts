import type { BulkItem, BulkItemResult } from './sink.js';

/**
 * The parts of a bulk response toBulkItemResults reads. The engine leaves out the rest (each
 * item's _index, _id, _version, _shards, _seq_no...), which halves what it writes and the
 * client parses for every document.
 */
export const BULK_RESPONSE_FILTER = 'errors,items.*.status,items.*.error';

/** The bulk API's alternating action and source lines, as both clients take them. */
export function toBulkOperations(items: BulkItem[]): Record<string, unknown>[] {
  return items.flatMap((item) => [{ [item.op]: { _index: item.index, _id: item.id } }, item.document]);
}

interface ResponseItemResult {
  status?: number;
  error?: { type?: string; reason?: string | null; caused_by?: { type?: string; reason?: string | null } };
}

/**
 * One result per request item, in request order (the bulk API answers in order). A response
 * that does not account for every item is the engine misbehaving: each unanswered item is
 * reported as a retryable 500 rather than silently counted as written.
 */
export function toBulkItemResults(items: BulkItem[], responseItems: unknown): BulkItemResult[] {
  const answered = Array.isArray(responseItems) ? responseItems : [];
  return items.map((item, i) => {
    const entry = answered[i] as Record<string, ResponseItemResult> | undefined;
    const result = entry?.[item.op] ?? (entry ? Object.values(entry)[0] : undefined);
    if (!result || typeof result.status !== 'number') {
      return { status: 500, error: { type: 'missing_item', reason: 'the bulk response did not answer this item' } };
    }
    if (!result.error) return { status: result.status };
    const cause = result.error.caused_by?.reason ? `: ${result.error.caused_by.reason}` : '';
    return {
      status: result.status,
      error: { type: result.error.type ?? 'unknown', reason: `${result.error.reason ?? ''}${cause}` },
    };
  });
}
