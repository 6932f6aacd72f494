/**
 * What strategic merge patch needs to know about a type, as Kubernetes reads it from
 * the Go struct tags `patchStrategy` and `patchMergeKey`. Derived from the kind's DTO
 * classes (the one schema source) by `patchSchemaFor(kind)`; the patch engine walks it.
 */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface PatchField {
  /** The schema of a nested object, or of each element when `list` is true, or of each value of a map. */
  schema?: PatchSchema;
  list?: boolean;
  /** For maps such as labels: string keys to values of `schema` (or scalars when absent). */
  map?: boolean;
  /** Absent means the Kubernetes default: lists are replaced whole, objects are merged. */
  strategy?: PatchStrategy;
  /** For lists with strategy merge: the element field identifying an element, e.g. "name". */
  mergeKey?: string;
}

export interface PatchSchema {
  fields: Record<string, PatchField>;
}
