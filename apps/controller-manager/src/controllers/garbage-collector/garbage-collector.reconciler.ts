import type { ResourceType } from '#api';
import type { ReconcileResult, Reconciler } from '#reconcile';
import type { GcDependencies } from './gc-dependencies.js';
import { collectDependent } from './collect-dependent.js';
import { finishForegroundDeletion } from './foreground-deletion.js';
import { GcFinalizer } from './gc-finalizers.js';
import { graphKey } from './graph-key.js';
import { orphanDependents } from './orphan-dependents.js';

/**
 * kube's garbage collector on one object key: as an owner being deleted, it orphans its
 * dependents or waits for them (foreground); as a dependent, it is collected when no owner
 * is left. An object gone from the cache is done: its dependents were queued by its deletion.
 */
export class GarbageCollectorReconciler implements Reconciler {
  readonly name = 'garbage-collector';

  constructor(
    private readonly deps: GcDependencies,
    private readonly types: readonly ResourceType[],
  ) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { group, resource, namespace, name } = graphKey.parse(key);
    const type = this.types.find((t) => t.group === group && t.resource === resource);
    const obj = type && this.deps.informerOf(type)?.get(namespace, name);
    if (!type || !obj) return;

    if (obj.metadata.deletionTimestamp) {
      const finalizers = obj.metadata.finalizers ?? [];
      if (finalizers.includes(GcFinalizer.orphan)) {
        await orphanDependents(this.deps, type, obj);
        return;
      }
      // Waiting for dependents: their deletions re-queue this key.
      if (finalizers.includes(GcFinalizer.foregroundDeletion) && (await finishForegroundDeletion(this.deps, type, obj)))
        return;
    }
    await collectDependent(this.deps, type, obj);
  }
}
