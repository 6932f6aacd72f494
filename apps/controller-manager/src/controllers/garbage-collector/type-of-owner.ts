import { apiVersionOf, BUILTIN_RESOURCES, type OwnerReference, type ResourceType } from '#api';

/** The served kind an ownerReference names, or undefined for a kind this cluster does not serve. */
export function typeOfOwner(ref: OwnerReference): ResourceType | undefined {
  return BUILTIN_RESOURCES.find((t) => t.kind === ref.kind && apiVersionOf(t) === ref.apiVersion);
}
