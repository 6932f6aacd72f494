import { BUILTIN_RESOURCES, type ResourceType } from '#api';

/** Every namespaced kind that can be listed and deleted: what a namespace's deletion removes. */
export const NAMESPACED_CONTENT_TYPES: readonly ResourceType[] = BUILTIN_RESOURCES.filter(
  (t) => t.namespaced && t.verbs.includes('list') && t.verbs.includes('delete'),
);
