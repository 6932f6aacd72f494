const V2_PREFIX = '#/definitions/';
const V3_PREFIX = '#/components/schemas/';

/** Stands in for a definition the schema source does not provide yet, so no $ref dangles. */
export const PLACEHOLDER_DEFINITION = Object.freeze({
  type: 'object',
  description: 'kubenest does not publish a schema for this type yet.',
  'x-kubernetes-preserve-unknown-fields': true,
});

/** Definition names referenced ("$ref": "#/definitions/<name>") anywhere inside `node`. */
export function collectRefs(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(V2_PREFIX))
        into.add(value.slice(V2_PREFIX.length));
      else collectRefs(value, into);
    }
  }
  return into;
}

/**
 * The definitions reachable from `roots` through $refs, and those among them the schema
 * source lacks. Each per-group-version OpenAPI v3 document carries exactly this set.
 */
export function definitionClosure(
  roots: Iterable<string>,
  schemas: Record<string, object>,
): { names: string[]; missing: string[] } {
  const seen = new Set<string>();
  const missing: string[] = [];
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = schemas[name];
    if (!schema) missing.push(name);
    else queue.push(...collectRefs(schema));
  }
  return { names: [...seen].sort(), missing: missing.sort() };
}

/**
 * A v2 (Swagger) schema as OpenAPI 3.0 wants it: refs point into components/schemas, and a
 * $ref with sibling keywords (description, default) becomes allOf: [{$ref}], since 3.0 ignores
 * a $ref's siblings. kube-apiserver's v3 documents have the same shape, and kubectl's explain
 * templates and strategic-merge-patch lookup follow both $ref and single-element allOf.
 */
export function toV3Schema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toV3Schema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  let ref: string | undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string')
      ref = value.startsWith(V2_PREFIX) ? V3_PREFIX + value.slice(V2_PREFIX.length) : value;
    else out[key] = toV3Schema(value);
  }
  if (ref === undefined) return out;
  return Object.keys(out).length === 0 ? { $ref: ref } : { allOf: [{ $ref: ref }], ...out };
}

export function v2Ref(name: string): { $ref: string } {
  return { $ref: V2_PREFIX + name };
}

export function v3Ref(name: string): { $ref: string } {
  return { $ref: V3_PREFIX + name };
}
