/**
 * OpenAPI documents: /openapi/v2, /openapi/v3 and /openapi/v3/<group version>.
 *
 * How the HTTP layer calls this (build once at startup, after the DTOs are loaded):
 *
 *   const openapi = new OpenApiDocuments(catalog, jsonSchemasForOpenApi());   // from '#api'
 *   // for every GET under /openapi/:
 *   const r = openapi.respond(req.path, req.query.hash, req.headers.accept, req.headers['if-none-match']);
 *   if (r) res.status(r.status).set(r.headers).send(r.body);   // body undefined on 301/304
 *   if (openapi.missingDefinitions.length) log.warn({ missing: openapi.missingDefinitions }, 'OpenAPI definitions not provided by the DTOs');
 *
 * Paths, Accept and the Content-Type each answer carries (always taken from r.headers):
 *   GET /openapi/v2                 application/json or * / * -> Swagger 2.0, "application/json"
 *                                   protobuf only (what kubectl sends) -> 406 Status
 *   GET /openapi/v3                 -> {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."}}}, "application/json"
 *   GET /openapi/v3/api/v1?hash=H   -> OpenAPI 3.0 for that group version, "application/json";
 *       /openapi/v3/apis/apps/v1      current hash: Cache-Control "public, immutable" + Expires;
 *       /openapi/v3/apis/coordination.k8s.io/v1   stale hash: 301 to the current URL; no hash: plain 200.
 *                                   unknown group version -> 404 Status; non-JSON Accept -> 406 Status
 * Every 200 has an ETag (quoted upper-case SHA-512 hex) and answers If-None-Match with 304.
 *
 * Why JSON is enough for kubectl 1.32 (read in kubectl/cli-runtime/client-go v0.32):
 * - explain (default output) and apply's strategic merge patch read the v3 group-version
 *   documents, fetched with Accept: application/json (client-go openapi3.root.GVSpec).
 * - --validate=strict asks QueryParamVerifierV3 whether PATCH of the kind accepts the
 *   fieldValidation query parameter; when it does, kubectl sends fieldValidation=Strict and
 *   skips client-side schema validation. Every PATCH here declares it.
 * - /openapi/v2 is requested only as protobuf (discovery_client.go OpenAPISchema) and only as
 *   a fallback: when v3 fails (apply, validation) or for explain --output=plaintext-openapiv2.
 *   A 406 makes those fall back to kubectl's compiled-in types.
 */
export * from './operation-model.js';
export * from './query-parameters.js';
export * from './definition-names.js';
export * from './resource-paths.js';
export * from './schema-refs.js';
export * from './openapi-v2.js';
export * from './openapi-v3.js';
export * from './openapi-documents.js';
