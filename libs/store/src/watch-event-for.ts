import type { WatchEvent } from '#api';
import type { ChangeRecord } from './change-record.js';
import type { ObjectPredicate } from './interfaces/store.js';

/** What a watcher cares about; resource undefined means every resource. */
export interface WatchScope {
  resource?: string;
  namespace?: string;
  predicate?: ObjectPredicate;
}

/**
 * The event a watcher with this scope sees for one change, or undefined. As Kubernetes'
 * cacher does, a MODIFIED object that starts matching the predicate is ADDED for this
 * watcher, and one that stops matching is DELETED (its previous state, at the new
 * resourceVersion), so a filtered client cache never keeps an object it should drop.
 */
export function watchEventFor(change: ChangeRecord, scope: WatchScope): WatchEvent | undefined {
  if (scope.resource !== undefined && change.resource !== scope.resource) return undefined;
  if (scope.namespace !== undefined && change.namespace !== scope.namespace) return undefined;
  const { predicate } = scope;
  if (!predicate) return { type: change.type, object: change.object };
  if (change.type !== 'MODIFIED')
    return predicate(change.object) ? { type: change.type, object: change.object } : undefined;

  const matchesNow = predicate(change.object);
  const previous = change.previousObject;
  const matchedBefore = previous !== undefined && predicate(previous);
  if (matchesNow) return { type: matchedBefore ? 'MODIFIED' : 'ADDED', object: change.object };
  if (matchedBefore) return { type: 'DELETED', object: previous };
  return undefined;
}
