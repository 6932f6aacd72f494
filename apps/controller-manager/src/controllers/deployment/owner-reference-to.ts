import type { Deployment } from '#api';

/** The controller owner reference a Deployment puts on its RSs (blockOwnerDeletion for foreground deletes). */
export function ownerReferenceTo(d: Deployment) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: d.metadata.name!,
    uid: d.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
