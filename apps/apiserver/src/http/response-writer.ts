import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { ApiError, type KubeList, type KubeObject, type ResourceType } from '#api';
import { toTable, type IncludeObject } from '../table/index.js';
import { contentTypeFor, type ResponseFormat } from './content-negotiation.js';

/** How the client asked to see objects: encoding plus an optional alternate representation. */
export interface Presentation {
  format: ResponseFormat;
  includeObject: IncludeObject;
  now: Date;
}

export function writeBody(
  res: ServerResponse,
  code: number,
  body: unknown,
  format: ResponseFormat,
  warnings: string[] = [],
): void {
  const text = format.encoding === 'yaml' ? toYaml(body, { aliasDuplicateObjects: false }) : JSON.stringify(body);
  if (warnings.length > 0) res.setHeader('Warning', warnings.map(warningHeaderValue));
  res.writeHead(code, { 'Content-Type': contentTypeFor(format), 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes an error as a Kubernetes Status; JSON unless the client only takes YAML. */
export function writeError(res: ServerResponse, error: ApiError, format: ResponseFormat = { encoding: 'json' }): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  writeBody(res, error.code, error.toStatus(), { encoding: format.encoding });
}

/** One object in the representation the client asked for. */
export function presentObject(type: ResourceType, obj: KubeObject, p: Presentation): unknown {
  switch (p.format.as) {
    case 'Table':
      return toTable(type, [obj], { includeObject: p.includeObject, now: p.now });
    case 'PartialObjectMetadata':
    case 'PartialObjectMetadataList':
      return partialMetadata(obj);
    default:
      return obj;
  }
}

/** A list in the representation the client asked for. */
export function presentList(type: ResourceType, list: KubeList, p: Presentation): unknown {
  switch (p.format.as) {
    case 'Table':
      return toTable(type, list.items, { includeObject: p.includeObject, now: p.now, listMeta: list.metadata });
    case 'PartialObjectMetadata':
    case 'PartialObjectMetadataList':
      return {
        apiVersion: 'meta.k8s.io/v1',
        kind: 'PartialObjectMetadataList',
        metadata: list.metadata,
        items: list.items.map(partialMetadata),
      };
    default:
      return list;
  }
}

/** metav1.PartialObjectMetadata: an object reduced to its metadata. */
export function partialMetadata(obj: KubeObject): unknown {
  return { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: obj.metadata };
}

/** RFC 7234 warn-code 299, as kube-apiserver formats warnings for kubectl to print. */
function warningHeaderValue(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
