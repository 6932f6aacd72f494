import { ApiError, parseLabelSelector, type FieldError, type ParsedLabelSelector } from '#api';

export const MAX_LOG_QUERY_LIMIT = 10_000;
export const DEFAULT_LOG_QUERY_LIMIT = 100;

/** LogQuery.spec as clients send it (logging.kubenest.io/v1alpha1). */
export interface LogQuerySpec {
  /** Lucene query syntax as typed in Kibana's Discover, e.g. `stream:"stderr" AND log:*timeout*`. Empty: everything. */
  query?: string;
  namespace?: string;
  /** A Kubernetes label selector over the pods' labels (`app=web,tier in (a,b)`). */
  labelSelector?: string;
  pod?: string;
  container?: string;
  /** Only lines at most this many seconds old, as PodLogOptions.sinceSeconds. */
  sinceSeconds?: number;
  /** Only lines at or after this RFC 3339 time, as PodLogOptions.sinceTime. */
  sinceTime?: string;
  /** How many lines at most; default 100, at most 10000. */
  limit?: number;
  /**
   * A cursor from an earlier answer's status.cursor: only lines after it, oldest first (follow
   * mode). Without it, the newest matching lines, newest first.
   */
  after?: string;
}

/** A spec checked and decoded: what the search runs with. */
export interface ParsedLogQuery {
  query: string;
  selector: ParsedLabelSelector;
  filters: Record<string, string>;
  since?: Date;
  limit: number;
  after?: FollowCursor;
}

/**
 * Where a follower is: the newest timestamp it was given (the engine's sort value) and the
 * ids of the lines it was given at exactly that timestamp. The engine's `_doc` tie-breaker is
 * not stable across refreshes (a new segment renumbers the others), so following asks again
 * from that timestamp inclusive and leaves out the ids already given: no line is skipped when
 * several share a timestamp, and none is given twice.
 */
export interface FollowCursor {
  timestamp: unknown;
  ids: string[];
}

const KIND = { kind: 'LogQuery', kindName: 'LogQuery', group: 'logging.kubenest.io' };

/** Checks a LogQuery's spec; every bad field is one cause of a 422 Invalid, as for any other kind. */
export function parseLogQuerySpec(spec: unknown, now = new Date()): ParsedLogQuery {
  if (spec === undefined || spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw ApiError.invalid(KIND, [{ field: 'spec', type: 'FieldValueRequired', message: 'Required value' }]);
  }
  const s = spec as Record<string, unknown>;
  const errors: FieldError[] = [];
  const invalid = (field: string, value: unknown, why: string) =>
    errors.push({
      field: `spec.${field}`,
      type: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
    });
  const text = (field: keyof LogQuerySpec): string | undefined => {
    const value = s[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return void invalid(field, value, 'must be a string');
    return value;
  };
  const query = text('query') ?? '';
  const filters: Record<string, string> = {};
  for (const [field, target] of [
    ['namespace', 'kubernetes.namespace_name'],
    ['pod', 'kubernetes.pod_name'],
    ['container', 'kubernetes.container_name'],
  ] as const) {
    const value = text(field);
    if (value) filters[target] = value;
  }
  let selector = parseLabelSelector('');
  const labelSelector = text('labelSelector');
  if (labelSelector) {
    try {
      selector = parseLabelSelector(labelSelector);
    } catch (error) {
      invalid('labelSelector', labelSelector, (error as Error).message);
    }
  }
  let since: Date | undefined;
  if (s['sinceSeconds'] !== undefined) {
    const seconds = s['sinceSeconds'];
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1)
      invalid('sinceSeconds', seconds, 'must be a positive whole number of seconds');
    else since = new Date(now.getTime() - seconds * 1000);
  }
  const sinceTime = text('sinceTime');
  if (sinceTime !== undefined) {
    if (since) invalid('sinceTime', sinceTime, 'at most one of sinceSeconds or sinceTime may be specified');
    else if (Number.isNaN(Date.parse(sinceTime))) invalid('sinceTime', sinceTime, 'must be an RFC 3339 time');
    else since = new Date(sinceTime);
  }
  const limit = s['limit'] ?? DEFAULT_LOG_QUERY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_QUERY_LIMIT)
    invalid('limit', limit, `must be a whole number from 1 to ${MAX_LOG_QUERY_LIMIT}`);
  let after: FollowCursor | undefined;
  const cursor = text('after');
  if (cursor) {
    after = decodeCursor(cursor);
    if (!after) invalid('after', cursor, 'is not a cursor this server issued');
  }
  const known = new Set([
    'query',
    'namespace',
    'labelSelector',
    'pod',
    'container',
    'sinceSeconds',
    'sinceTime',
    'limit',
    'after',
  ]);
  for (const field of Object.keys(s)) {
    if (!known.has(field))
      errors.push({ field: `spec.${field}`, type: 'FieldValueNotSupported', message: 'unknown field' });
  }
  if (errors.length > 0) throw ApiError.invalid(KIND, errors);
  return { query, selector, filters, since, limit: limit as number, after };
}

/** A FollowCursor as the opaque string clients pass back. */
export function encodeCursor(cursor: FollowCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): FollowCursor | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<FollowCursor>;
    const valid =
      cursor !== null &&
      typeof cursor === 'object' &&
      cursor.timestamp !== undefined &&
      Array.isArray(cursor.ids) &&
      cursor.ids.every((id) => typeof id === 'string');
    return valid ? (cursor as FollowCursor) : undefined;
  } catch {
    return undefined;
  }
}
