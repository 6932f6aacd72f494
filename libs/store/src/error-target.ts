import type { ErrorTarget } from '#api';

/** Splits a storage name like "deployments.apps" for ApiError targets. */
export function errorTarget(resource: string, name: string): ErrorTarget {
  const dot = resource.indexOf('.');
  return dot < 0 ? { kind: resource, name } : { kind: resource.slice(0, dot), group: resource.slice(dot + 1), name };
}
