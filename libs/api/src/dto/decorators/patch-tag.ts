import type { PatchStrategy as Strategy } from '../../patch/patch-schema.js';
import { recordFieldExtras } from './dto-metadata.js';

/**
 * Kubernetes' `patchStrategy` / `patchMergeKey` struct tags, copied from
 * staging/src/k8s.io/api/*\/types.go. Lists without this decorator are replaced whole.
 */
export function PatchTag(strategy: Strategy, mergeKey?: string): PropertyDecorator {
  return (target, property) =>
    recordFieldExtras(target.constructor, String(property), { patchStrategy: strategy, patchMergeKey: mergeKey });
}
