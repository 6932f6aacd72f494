import { ApiError } from '#api';
import type {
  DeleteOptions,
  FieldValidation,
  ListOptions,
  PropagationPolicy,
  WatchOptions,
  WriteOptions,
} from '../registry/request-options.js';

type Query = URLSearchParams;

const FIELD_VALIDATION: readonly FieldValidation[] = ['Strict', 'Warn', 'Ignore'];
const PROPAGATION: readonly PropagationPolicy[] = ['Orphan', 'Background', 'Foreground'];

export function isWatch(query: Query): boolean {
  const watch = query.get('watch');
  return watch === 'true' || watch === '1';
}

/** dryRun=All and fieldValidation=Strict|Warn|Ignore (Warn when absent, as kube-apiserver defaults it). */
export function writeOptions(query: Query): WriteOptions {
  const fieldValidation = (query.get('fieldValidation') ?? 'Warn') as FieldValidation;
  if (!FIELD_VALIDATION.includes(fieldValidation)) {
    throw ApiError.badRequest(`fieldValidation must be one of "Strict", "Warn", "Ignore", got "${fieldValidation}"`);
  }
  return {
    dryRun: dryRunOf(query.getAll('dryRun')),
    fieldValidation,
    fieldManager: query.get('fieldManager') ?? undefined,
  };
}

export function listOptions(query: Query): ListOptions {
  return {
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    limit: optionalInt(query, 'limit', 0) || undefined,
    continue: query.get('continue') || undefined,
  };
}

export function watchOptions(query: Query): WatchOptions & { timeoutSeconds?: number } {
  const sendInitialEvents = query.get('sendInitialEvents');
  return {
    ...listOptions(query),
    resourceVersion: query.get('resourceVersion') ?? undefined,
    allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
    sendInitialEvents: sendInitialEvents === null ? undefined : sendInitialEvents === 'true',
    timeoutSeconds: optionalInt(query, 'timeoutSeconds', 0),
  };
}

/** DeleteOptions come from the body (kubectl sends one) or from query parameters. */
export function deleteOptions(query: Query, body: unknown): DeleteOptions {
  const fromBody = (body && typeof body === 'object' ? body : {}) as {
    gracePeriodSeconds?: unknown;
    propagationPolicy?: unknown;
    orphanDependents?: unknown;
    preconditions?: { uid?: string; resourceVersion?: string };
    dryRun?: string[];
  };
  const grace = fromBody.gracePeriodSeconds ?? optionalInt(query, 'gracePeriodSeconds', 0);
  if (grace !== undefined && (typeof grace !== 'number' || !Number.isInteger(grace))) {
    throw ApiError.badRequest('gracePeriodSeconds must be an integer');
  }
  let policy = (fromBody.propagationPolicy ?? query.get('propagationPolicy') ?? undefined) as
    PropagationPolicy | undefined;
  if (policy === undefined && (fromBody.orphanDependents === true || query.get('orphanDependents') === 'true'))
    policy = 'Orphan';
  if (policy !== undefined && !PROPAGATION.includes(policy)) {
    throw ApiError.badRequest(
      `propagationPolicy must be one of "Orphan", "Background", "Foreground", got "${String(policy)}"`,
    );
  }
  return {
    dryRun: dryRunOf([...query.getAll('dryRun'), ...(Array.isArray(fromBody.dryRun) ? fromBody.dryRun : [])]),
    gracePeriodSeconds: grace as number | undefined,
    propagationPolicy: policy,
    preconditions: fromBody.preconditions,
  };
}

function dryRunOf(values: string[]): boolean {
  for (const value of values) {
    if (value !== 'All') throw ApiError.badRequest(`dryRun must be "All", got "${value}"`);
  }
  return values.length > 0;
}

function optionalInt(query: Query, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw ApiError.badRequest(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}
