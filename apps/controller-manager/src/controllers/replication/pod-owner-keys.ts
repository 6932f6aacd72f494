import type { Pod } from '#api';
import type { Informer } from '#client';
import { objectKey } from '#reconcile';
import { controllerRefOf } from './controller-ref.js';
import type { ReplicatedKind, ReplicatedObject } from './replicated-kind.js';

/**
 * The owner keys a pod event concerns: its controller's, if that is one of `kind`; for an
 * orphan, every owner in its namespace whose selector matches it (each may adopt it).
 */
export function podOwnerKeys(kind: ReplicatedKind, owners: Informer<ReplicatedObject>): (pod: Pod) => string[] {
  return (pod) => {
    const namespace = pod.metadata.namespace;
    const ref = controllerRefOf(pod);
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      if (ref.kind !== kind.type.kind || group !== kind.type.group) return [];
      const owner = owners.get(namespace, ref.name);
      // A ref to an owner of the same name but another uid is stale: nothing to do for it.
      return owner && owner.metadata.uid !== ref.uid ? [] : [objectKey(namespace, ref.name)];
    }
    return owners
      .list(namespace)
      .filter((owner) => {
        try {
          const selector = kind.selectorOf(owner);
          return !selector.isEmpty() && selector.matches(pod.metadata.labels);
        } catch {
          return false;
        }
      })
      .map((owner) => objectKey(namespace, owner.metadata.name!));
  };
}
