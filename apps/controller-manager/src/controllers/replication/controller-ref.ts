import type { KubeObject, OwnerReference } from '#api';

/** The ownerReference with controller=true, if any (metav1.GetControllerOf). */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}
