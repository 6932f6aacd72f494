import { ApiError, type ResourceCatalog } from '#api';
import {
  parseAccept,
  ServedDocument,
  statusResponse,
  type DocumentResponse,
  type MediaRange,
} from '../discovery/index.js';
import { buildOpenApiV2 } from './openapi-v2.js';
import { buildOpenApiV3, v3PathKey } from './openapi-v3.js';

const JSON_TYPE = 'application/json';

/**
 * The OpenAPI documents, built and serialised once (they only change with the catalog or the
 * schemas), served like kube-openapi's handlers: ETag = upper-case hex SHA-512 of the JSON;
 * the v3 root links each group version as "/openapi/v3/<gv>?hash=<etag>"; a request carrying
 * the current hash is immutable (Cache-Control: public, immutable, Expires in a year) and a
 * stale hash is redirected (301) to the current one.
 *
 * Only JSON is served. kubectl 1.32 asks for v3 documents as application/json; it asks for
 * /openapi/v2 only as protobuf, and only as a fallback (see README in index.ts), so a
 * protobuf-only Accept gets 406, which every caller in kubectl treats as "no v2 schema".
 */
export class OpenApiDocuments {
  /** Definitions referenced by operations or schemas but absent from the schema source. */
  readonly missingDefinitions: string[];
  private readonly v2: ServedDocument;
  private readonly v3 = new Map<string, ServedDocument>();
  private readonly v3Root: ServedDocument;

  constructor(catalog: ResourceCatalog, schemas: Record<string, object>) {
    const v2 = buildOpenApiV2(catalog, schemas);
    this.v2 = new ServedDocument(v2.document, JSON_TYPE);
    const missing = new Set(v2.missing);
    for (const gv of catalog.groupVersions()) {
      const built = buildOpenApiV3(catalog, schemas, gv.group, gv.version);
      built.missing.forEach((name) => missing.add(name));
      this.v3.set(v3PathKey(gv.group, gv.version), new ServedDocument(built.document, JSON_TYPE));
    }
    const paths = Object.fromEntries(
      [...this.v3].map(([key, doc]) => [key, { serverRelativeURL: this.v3Url(key, doc.hash) }]),
    );
    this.v3Root = new ServedDocument({ paths }, JSON_TYPE);
    this.missingDefinitions = [...missing].sort();
  }

  /**
   * Answers GET on /openapi/v2, /openapi/v3 and /openapi/v3/<group version>; undefined for
   * any other path. `hash` is the ?hash= query parameter.
   */
  respond(
    path: string,
    hash: string | undefined,
    accept: string | undefined,
    ifNoneMatch?: string,
  ): DocumentResponse | undefined {
    const p = path.replace(/\/+$/, '');
    if (p === '/openapi/v2') return acceptsJson(accept) ? this.v2.respond(ifNoneMatch) : notAcceptable();
    if (p === '/openapi/v3') return this.v3Root.respond(ifNoneMatch);
    if (!p.startsWith('/openapi/v3/')) return undefined;
    const key = p.slice('/openapi/v3/'.length);
    const doc = this.v3.get(key);
    if (!doc) return statusResponse(ApiError.notFound({ kind: 'openapi/v3', name: key }).toStatus());
    if (!acceptsJson(accept)) return notAcceptable();
    if (!hash) return doc.respond(ifNoneMatch);
    if (hash !== doc.hash) return { status: 301, headers: { Location: this.v3Url(key, doc.hash), Vary: 'Accept' } };
    const expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
    return doc.respond(ifNoneMatch, { 'Cache-Control': 'public, immutable', Expires: expires });
  }

  /** The v3 root's link for one group version. */
  private v3Url(key: string, hash: string): string {
    return `/openapi/v3/${key}?hash=${hash}`;
  }
}

function acceptsJson(accept: string | undefined): boolean {
  return parseAccept(accept).some(isJsonRange);
}

function isJsonRange(range: MediaRange): boolean {
  return (range.type === '*' || range.type === 'application') && (range.subtype === '*' || range.subtype === 'json');
}

function notAcceptable(): DocumentResponse {
  return statusResponse(ApiError.notAcceptable('only application/json is served for OpenAPI documents').toStatus());
}
