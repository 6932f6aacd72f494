/**
 * What the DTO decorators record beyond class-validator's own metadata: the nested class
 * (class-transformer keeps its @Type storage private), descriptions, Kubernetes patch tags
 * and the OpenAPI definition name of each class.
 */
export type ClassRef = () => Function;

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

const fieldExtras = new Map<Function, Map<string, FieldExtras>>();
const definitions = new Map<Function, DefinitionInfo>();

export function recordFieldExtras(target: Function, property: string, extras: FieldExtras): void {
  let byProperty = fieldExtras.get(target);
  if (!byProperty) fieldExtras.set(target, (byProperty = new Map()));
  byProperty.set(property, { ...byProperty.get(property), ...extras });
}

/** Extras of a class's own and inherited properties. */
export function fieldExtrasOf(target: Function): Map<string, FieldExtras> {
  const chain: Function[] = [];
  for (let c: Function | null = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const merged = new Map<string, FieldExtras>();
  for (const c of chain) for (const [k, v] of fieldExtras.get(c) ?? []) merged.set(k, { ...merged.get(k), ...v });
  return merged;
}

export function recordDefinition(target: Function, info: DefinitionInfo): void {
  definitions.set(target, info);
}

export function definitionOf(target: Function): DefinitionInfo | undefined {
  return definitions.get(target);
}
