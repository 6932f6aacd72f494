/**
 * Discovery documents: what the server tells clients about its API.
 *
 * How the HTTP layer calls this (build once at startup; rebuild when the catalog changes):
 *
 *   const discovery = new DiscoveryDocuments(catalog, { serverAddress: 'host:6443' });
 *   // for every GET whose path passes discovery.serves(path):
 *   const r = discovery.respond(req.path, req.headers.accept, req.headers['if-none-match']);
 *   res.status(r.status).set(r.headers).send(r.body);   // r.body undefined on 304
 *
 * Paths and the Content-Type each answer carries (set from r.headers, don't override it):
 *   GET /version                 -> version.Info,                     application/json
 *   GET /api, /apis              -> Accept decides (negotiateDiscovery):
 *       ...;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList   -> APIGroupDiscoveryList v2,
 *            Content-Type "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
 *       ...;v=v2beta1;...                                            -> the same with v=v2beta1
 *       application/json, *\/*                                       -> APIVersions / APIGroupList,
 *            Content-Type "application/json"
 *       nothing acceptable                                           -> 406 Status
 *   GET /api/v1, /apis/{g}/{v}   -> APIResourceList,                  application/json
 *   GET /apis/{g}                -> APIGroup,                         application/json
 * Every 200 carries an ETag and answers If-None-Match with 304.
 *
 * The pure builders (buildApiResourceList, buildAggregatedDiscovery, ...) are exported too.
 */
export * from './discovery-types.js';
export * from './version-info.js';
export * from './storage-version-hash.js';
export * from './subresources.js';
export * from './legacy-discovery.js';
export * from './aggregated-discovery.js';
export * from './media-type.js';
export * from './discovery-negotiation.js';
export * from './served-document.js';
export * from './discovery-documents.js';
