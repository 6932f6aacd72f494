import type { KubeObject } from '#api';

type OwnerReference = NonNullable<KubeObject['metadata']['ownerReferences']>[number];

/** metav1.GetControllerOf: the owner reference with controller: true. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}
