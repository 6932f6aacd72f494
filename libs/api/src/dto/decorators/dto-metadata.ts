/**
 * What the DTO decorators record beyond class-validator's own metadata: the nested class
 * (class-transformer keeps its @Type storage private), descriptions, Kubernetes patch tags
 * and the OpenAPI definition name of each class.
 */
/** A DTO class (abstract bases included); constructors are only ever compared and looked up. */
export type DtoClass = abstract new (...args: never[]) => unknown;
export type ClassRef = () => DtoClass;

export interface FieldExtras {
  nested?: ClassRef;
  description?: string;
  patchStrategy?: string;
  patchMergeKey?: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface DefinitionInfo {
  /** OpenAPI definition name, e.g. "io.k8s.api.core.v1.Pod". */
  name: string;
  description?: string;
  /** Set on top-level kinds only. */
  gvk?: GroupVersionKind;
}

// Keyed by constructor identity; decorators hand the constructor over typed as a bare object.
const fieldExtras = new Map<object, Map<string, FieldExtras>>();
const definitions = new Map<object, DefinitionInfo>();

export function recordFieldExtras(target: object, property: string, extras: FieldExtras): void {
  let byProperty = fieldExtras.get(target);
  if (!byProperty) fieldExtras.set(target, (byProperty = new Map()));
  byProperty.set(property, { ...byProperty.get(property), ...extras });
}

/** Extras of a class's own and inherited properties. */
export function fieldExtrasOf(target: DtoClass): Map<string, FieldExtras> {
  const chain: DtoClass[] = [];
  for (
    let c: DtoClass | null = target;
    c && (c as unknown) !== Function.prototype;
    c = Object.getPrototypeOf(c) as DtoClass | null
  )
    chain.unshift(c);
  const merged = new Map<string, FieldExtras>();
  for (const c of chain) for (const [k, v] of fieldExtras.get(c) ?? []) merged.set(k, { ...merged.get(k), ...v });
  return merged;
}

export function recordDefinition(target: object, info: DefinitionInfo): void {
  definitions.set(target, info);
}

export function definitionOf(target: DtoClass): DefinitionInfo | undefined {
  return definitions.get(target);
}
