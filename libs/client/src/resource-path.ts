import type { ResourceType } from '#api';

/**
 * The REST path of a resource, a collection or a subresource: core kinds under /api/v1,
 * the rest under /apis/{group}/{version}; a namespace segment only for namespaced kinds
 * (omitted for namespaced kinds, it addresses the collection across all namespaces).
 */
export function resourcePath(
  type: Pick<ResourceType, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  const segments = [type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`];
  if (type.namespaced && namespace) segments.push('namespaces', encodeURIComponent(namespace));
  segments.push(type.resource);
  if (name !== undefined) {
    if (!name) throw new Error(`empty name for ${type.resource}`);
    segments.push(encodeURIComponent(name));
    if (subresource) segments.push(subresource);
  }
  return segments.join('/');
}
