import { ApiError, apiVersionOf, ResourceCatalog } from '#api';
import { buildAggregatedDiscovery } from './aggregated-discovery.js';
import { aggregatedContentType, LEGACY_DISCOVERY_CONTENT_TYPE, negotiateDiscovery } from './discovery-negotiation.js';
import type { AggregatedDiscoveryVersion } from './discovery-types.js';
import { buildApiGroupList, buildApiResourceList, buildApiVersions, namedGroups } from './legacy-discovery.js';
import { acceptsPlainJson, parseAccept } from './media-type.js';
import { ServedDocument, statusResponse, type DocumentResponse } from './served-document.js';
import { buildVersionInfo, type VersionInfoOptions } from './version-info.js';

export interface DiscoveryOptions extends VersionInfoOptions {
  /** host:port clients should use, for /api serverAddressByClientCIDRs. */
  serverAddress: string;
}

const AGGREGATED_VERSIONS: AggregatedDiscoveryVersion[] = ['v2', 'v2beta1'];

/**
 * Every discovery document, serialised once from the catalog. Rebuild (new instance) when
 * the catalog changes, e.g. when metrics.k8s.io is registered.
 */
export class DiscoveryDocuments {
  private readonly version: ServedDocument;
  private readonly legacy = new Map<string, ServedDocument>();
  private readonly aggregated = new Map<string, ServedDocument>();

  constructor(catalog: ResourceCatalog, options: DiscoveryOptions) {
    const json = LEGACY_DISCOVERY_CONTENT_TYPE;
    this.version = new ServedDocument(buildVersionInfo(options), json);
    this.legacy.set('/api', new ServedDocument(buildApiVersions(catalog, options.serverAddress), json));
    this.legacy.set('/apis', new ServedDocument(buildApiGroupList(catalog), json));
    for (const group of namedGroups(catalog)) {
      this.legacy.set(
        `/apis/${group.name}`,
        new ServedDocument({ kind: 'APIGroup', apiVersion: 'v1', ...group }, json),
      );
    }
    for (const gv of catalog.groupVersions()) {
      const path = gv.group ? `/apis/${apiVersionOf(gv)}` : `/api/${gv.version}`;
      this.legacy.set(path, new ServedDocument(buildApiResourceList(catalog, gv.group, gv.version), json));
    }
    for (const v of AGGREGATED_VERSIONS) {
      const type = aggregatedContentType(v);
      this.aggregated.set(`/api ${v}`, new ServedDocument(buildAggregatedDiscovery(catalog, 'core', v), type));
      this.aggregated.set(`/apis ${v}`, new ServedDocument(buildAggregatedDiscovery(catalog, 'apis', v), type));
    }
  }

  /** Whether `path` is one of ours; other /apis/... paths belong to the resource handlers. */
  serves(path: string): boolean {
    const p = normalise(path);
    return p === '/version' || this.legacy.has(p);
  }

  /**
   * Answers GET `path` (no query string) for the given Accept and If-None-Match headers;
   * undefined when the path is not a discovery path.
   */
  respond(path: string, accept: string | undefined, ifNoneMatch?: string): DocumentResponse | undefined {
    const p = normalise(path);
    if (p === '/version') return this.version.respond(ifNoneMatch);
    const legacy = this.legacy.get(p);
    if (!legacy) return undefined;
    if (p === '/api' || p === '/apis') {
      const format = negotiateDiscovery(accept);
      if (!format) return notAcceptable();
      const doc = format.aggregated ? this.aggregated.get(`${p} ${format.aggregated}`) : legacy;
      return doc?.respond(ifNoneMatch);
    }
    if (!parseAccept(accept).some(acceptsPlainJson)) return notAcceptable();
    return legacy.respond(ifNoneMatch);
  }
}

function normalise(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function notAcceptable(): DocumentResponse {
  return statusResponse(
    ApiError.notAcceptable(
      `only the following media types are accepted: application/json, ${aggregatedContentType('v2')}, ${aggregatedContentType('v2beta1')}`,
    ).toStatus(),
  );
}
