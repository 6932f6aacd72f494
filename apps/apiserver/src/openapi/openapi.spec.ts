// The DTOs behind '#api' use decorator metadata; load the polyfill before importing them.
import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceCatalog } from '#api';
import { buildOpenApiV2, buildOpenApiV3, OpenApiDocuments, toV3Schema } from './index.js';
import { testSchemas } from './test-schemas.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary OpenAPI JSON
type Json = Record<string, any>;
const catalog = new ResourceCatalog();
const schemas = testSchemas();
const WRITE_METHODS = ['post', 'put', 'patch'];

function operations(doc: Json): [string, string, Json][] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => [path, method, op as Json] as [string, string, Json]),
  );
}

describe('OpenAPI v2', () => {
  const { document, missing } = buildOpenApiV2(catalog, schemas);
  const doc = JSON.parse(JSON.stringify(document)) as Json;

  it('is Swagger 2.0 JSON with the DTO definitions', () => {
    assert.equal(doc.swagger, '2.0');
    assert.ok(doc.definitions['io.k8s.api.core.v1.Pod']);
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind'], [
      { group: '', version: 'v1', kind: 'Pod' },
    ]);
  });

  it('gives every operation an action and a group-version-kind', () => {
    for (const [path, method, op] of operations(doc)) {
      assert.ok(op['x-kubernetes-action'], `${method} ${path}`);
      assert.ok(op['x-kubernetes-group-version-kind']?.kind, `${method} ${path}`);
    }
  });

  it('declares fieldValidation, dryRun and fieldManager on every write', () => {
    for (const [path, method, op] of operations(doc)) {
      if (!WRITE_METHODS.includes(method) || op['x-kubernetes-action'] === 'connect') continue;
      const names = (op.parameters as Json[]).map((p) => p.name);
      for (const name of ['fieldValidation', 'dryRun', 'fieldManager'])
        assert.ok(names.includes(name), `${name} on ${method} ${path}`);
    }
  });

  it('lists the Kubernetes operations for pods with their query parameters', () => {
    const collection = doc.paths['/api/v1/namespaces/{namespace}/pods'];
    assert.equal(collection.get['x-kubernetes-action'], 'list');
    assert.equal(collection.get.operationId, 'listCoreV1NamespacedPod');
    const listParams = collection.get.parameters.map((p: Json) => p.name);
    for (const name of [
      'labelSelector',
      'fieldSelector',
      'limit',
      'continue',
      'resourceVersion',
      'watch',
      'timeoutSeconds',
    ])
      assert.ok(listParams.includes(name), name);
    assert.equal(collection.delete['x-kubernetes-action'], 'deletecollection');
    const item = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'];
    assert.deepEqual(item.patch.consumes, [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ]);
    const deleteParams = item.delete.parameters.map((p: Json) => p.name);
    assert.ok(deleteParams.includes('propagationPolicy') && deleteParams.includes('gracePeriodSeconds'));
    assert.equal(doc.paths['/api/v1/watch/namespaces/{namespace}/pods/{name}'].get['x-kubernetes-action'], 'watch');
    assert.equal(doc.paths['/api/v1/pods'].get.operationId, 'listCoreV1PodForAllNamespaces');
  });

  it('gives subresources their own kinds', () => {
    const scale = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'];
    assert.deepEqual(scale.patch['x-kubernetes-group-version-kind'], {
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
    assert.equal(scale.get.operationId, 'readAppsV1NamespacedDeploymentScale');
    const binding = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/binding'];
    assert.deepEqual(
      Object.keys(binding).filter((k) => k !== 'parameters'),
      ['post'],
    );
    assert.equal(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec'].post['x-kubernetes-action'], 'connect');
    assert.equal(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/log'].get.produces[0], 'text/plain');
  });

  it('omits verbs a kind does not support', () => {
    assert.equal(doc.paths['/api/v1/namespaces'].delete, undefined, 'namespaces have no deletecollection');
  });

  it('fills definitions the DTOs lack with opaque placeholders and reports them', () => {
    assert.ok(missing.includes('io.k8s.api.autoscaling.v1.Scale'));
    assert.equal(doc.definitions['io.k8s.api.autoscaling.v1.Scale']['x-kubernetes-preserve-unknown-fields'], true);
    const refs = JSON.stringify(doc).match(/"#\/definitions\/[^"]+"/g) ?? [];
    for (const ref of refs) assert.ok(doc.definitions[ref.slice('"#/definitions/'.length, -1)], `dangling ${ref}`);
  });
});

describe('OpenAPI v3 per group version', () => {
  const doc = JSON.parse(JSON.stringify(buildOpenApiV3(catalog, schemas, 'apps', 'v1').document)) as Json;

  it("holds only that group version's paths and the schemas they reach", () => {
    assert.equal(doc.openapi, '3.0.0');
    assert.ok(Object.keys(doc.paths).every((p) => p.startsWith('/apis/apps/v1/')));
    assert.ok(
      doc.components.schemas['io.k8s.api.apps.v1.DeploymentStrategy'],
      'reached through Deployment.spec.strategy',
    );
    assert.equal(doc.components.schemas['io.k8s.api.core.v1.Pod'], undefined);
    assert.doesNotMatch(JSON.stringify(doc), /#\/definitions\//);
  });

  it('lets kubectl detect server-side field validation on PATCH (QueryParamVerifierV3)', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.ok(patch.parameters.some((p: Json) => p.name === 'fieldValidation' && p.in === 'query'));
    assert.ok(
      patch.requestBody.content['application/strategic-merge-patch+json'],
      'kubectl apply checks for SMP support here',
    );
  });

  it('wraps a $ref that has siblings in allOf, as OpenAPI 3.0 ignores them beside $ref', () => {
    const strategy = doc.components.schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy;
    assert.deepEqual(strategy.allOf, [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }]);
    assert.equal(strategy['x-kubernetes-patch-strategy'], 'retainKeys');
    assert.deepEqual(toV3Schema({ $ref: '#/definitions/X' }), { $ref: '#/components/schemas/X' });
  });
});

describe('OpenApiDocuments', () => {
  const docs = new OpenApiDocuments(catalog, schemas);

  it('links every group version from the v3 root with its hash', () => {
    const root = JSON.parse(docs.respond('/openapi/v3', undefined, 'application/json')!.body!) as Json;
    assert.deepEqual(Object.keys(root.paths).sort(), [
      'api/v1',
      'apis/apps/v1',
      'apis/authentication.k8s.io/v1',
      'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1',
      'apis/logging.kubenest.io/v1alpha1',
      'apis/metrics.k8s.io/v1beta1',
    ]);
    const url = new URL(root.paths['apis/apps/v1'].serverRelativeURL, 'http://x');
    const r = docs.respond(url.pathname, url.searchParams.get('hash')!, 'application/json')!;
    assert.equal(r.status, 200);
    assert.equal(r.headers['Cache-Control'], 'public, immutable');
    assert.equal(r.headers.ETag, `"${url.searchParams.get('hash')}"`);
  });

  it('redirects a stale hash and answers If-None-Match with 304', () => {
    const stale = docs.respond('/openapi/v3/api/v1', 'OLD', 'application/json')!;
    assert.equal(stale.status, 301);
    assert.match(stale.headers.Location!, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const first = docs.respond('/openapi/v3/api/v1', undefined, 'application/json')!;
    assert.equal(docs.respond('/openapi/v3/api/v1', undefined, 'application/json', first.headers.ETag)!.status, 304);
  });

  it('serves v2 as JSON and answers a protobuf-only Accept with 406', () => {
    assert.equal(docs.respond('/openapi/v2', undefined, 'application/json')!.status, 200);
    assert.equal(
      docs.respond('/openapi/v2', undefined, 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf')!.status,
      406,
    );
    assert.equal(docs.respond('/openapi/v3/apis/batch/v1', undefined, 'application/json')!.status, 404);
    assert.equal(docs.respond('/apis', undefined, 'application/json'), undefined);
  });
});
