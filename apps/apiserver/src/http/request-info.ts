import { ApiError } from '#api';

/**
 * What a request path addresses, as Kubernetes' RequestInfoFactory reads it:
 *   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /apis/{group}/{version}/{resource}/{name}
 * "namespaces" is both a resource and a scope: /api/v1/namespaces/{name} is the
 * Namespace itself, /api/v1/namespaces/{name}/status its subresource.
 */
export interface ResourceRequestInfo {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
}

export type PathInfo =
  | { kind: 'resource'; info: ResourceRequestInfo }
  | { kind: 'discovery'; group?: string; version?: string; legacy: boolean };

export function parseApiPath(pathname: string): PathInfo {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeSegment);
  const prefix = parts.shift();
  if (prefix !== 'api' && prefix !== 'apis') throw notFoundPath(pathname);
  const legacy = prefix === 'api';
  const group = legacy ? '' : parts.shift();
  if (!legacy && group === undefined) return { kind: 'discovery', legacy };
  const version = parts.shift();
  if (version === undefined) return { kind: 'discovery', legacy, group };
  if (parts.length === 0) return { kind: 'discovery', legacy, group, version };

  const info: ResourceRequestInfo = { group: group ?? '', version, resource: '' };
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    // /namespaces/{ns}/{resource}... ; but /namespaces/{name}/{status|finalize} is the Namespace's subresource.
    if (parts.length === 3 && (parts[2] === 'status' || parts[2] === 'finalize')) {
      Object.assign(info, { resource: 'namespaces', name: parts[1], subresource: parts[2] });
      return { kind: 'resource', info };
    }
    info.namespace = parts[1];
    parts.splice(0, 2);
  }
  if (parts.length > 3) throw notFoundPath(pathname);
  [info.resource, info.name, info.subresource] = parts as [string, string | undefined, string | undefined];
  return { kind: 'resource', info };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ApiError.badRequest(`malformed path segment "${segment}"`);
  }
}

function notFoundPath(pathname: string): ApiError {
  return new ApiError(404, 'NotFound', `the server could not find the requested resource (path ${pathname})`, {});
}
