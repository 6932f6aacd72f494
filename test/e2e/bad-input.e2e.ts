import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { httpsRequest, startTestApiserver, type RawResponse, type TestApiserver } from '#testing';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

function deployment(overrides: Record<string, unknown> = {}, name = 'web'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      ...overrides,
    },
  };
}

interface StatusBody {
  kind: string;
  code: number;
  reason: string;
  message: string;
  details?: { causes?: { field: string; reason: string }[] };
}

/** Asserts a Kubernetes Status error with this code and reason whose message names the problem. */
function assertStatus(res: RawResponse, code: number, reason: string, message: RegExp): StatusBody {
  assert.equal(res.status, code, `expected ${code}, got ${res.status}: ${res.body}`);
  const status = JSON.parse(res.body) as StatusBody;
  assert.equal(status.kind, 'Status');
  assert.equal(status.code, code);
  assert.equal(status.reason, reason);
  assert.match(status.message, message);
  return status;
}

describe('bad input gets a clear 4xx Status and writes nothing', () => {
  let server: TestApiserver;
  const post = (path: string, body: string | Buffer, contentType = 'application/json') =>
    server.request({ method: 'POST', path, body, headers: { 'Content-Type': contentType } });

  before(async () => {
    server = await startTestApiserver();
  });
  after(async () => {
    // Whatever was refused, the server is still up and nothing was written.
    const ready = await server.request({ path: '/readyz' });
    assert.equal(ready.status, 200);
    for (const path of [DEPLOYMENTS, CONFIGMAPS]) {
      const list = JSON.parse((await server.request({ path })).body) as { items: unknown[] };
      assert.deepEqual(list.items, [], `${path} is empty`);
    }
    await server.stop();
  });

  it('refuses requests without a valid token', async () => {
    const anonymous = await httpsRequest(server.url, server.caPem, { path: '/api/v1/namespaces' });
    assertStatus(anonymous, 401, 'Unauthorized', /Unauthorized/);
    const wrong = await server.request({
      path: '/api/v1/namespaces',
      headers: { Authorization: 'Bearer not-a-token' },
    });
    assertStatus(wrong, 401, 'Unauthorized', /Unauthorized/);
    const health = await httpsRequest(server.url, server.caPem, { path: '/healthz' });
    assert.equal(health.status, 200, 'health checks need no token');
  });

  it('refuses malformed JSON and YAML', async () => {
    assertStatus(await post(DEPLOYMENTS, '{"apiVersion": "apps/v1", "kind": '), 400, 'BadRequest', /not valid JSON/);
    assertStatus(
      await post(DEPLOYMENTS, 'kind: Deployment\n  metadata: : [', 'application/yaml'),
      400,
      'BadRequest',
      /not valid YAML/,
    );
    assertStatus(await post(DEPLOYMENTS, '[1, 2]'), 400, 'BadRequest', /must be a JSON or YAML object/);
    assertStatus(await post(DEPLOYMENTS, ''), 400, 'BadRequest', /empty/);
  });

  it('refuses unknown kinds, groups and mismatched apiVersion', async () => {
    assertStatus(await post('/api/v1/namespaces/default/widgets', '{}'), 404, 'NotFound', /widgets/);
    assertStatus(await post('/apis/example.com/v1/namespaces/default/widgets', '{}'), 404, 'NotFound', /widgets/);
    const wrongKind = { ...deployment(), kind: 'StatefulSet' };
    assertStatus(await post(DEPLOYMENTS, JSON.stringify(wrongKind)), 400, 'BadRequest', /StatefulSet/);
    const wrongVersion = { ...deployment(), apiVersion: 'apps/v1beta1' };
    assertStatus(await post(DEPLOYMENTS, JSON.stringify(wrongVersion)), 400, 'BadRequest', /apps\/v1beta1/);
  });

  it('refuses invalid names with the field in the cause', async () => {
    const status = assertStatus(
      await post(DEPLOYMENTS, JSON.stringify(deployment({}, 'Bad_Name'))),
      422,
      'Invalid',
      /Bad_Name/,
    );
    assert.ok(
      status.details?.causes?.some((c) => c.field === 'metadata.name'),
      JSON.stringify(status.details),
    );
  });

  it('refuses wrong types with the field named', async () => {
    const status = assertStatus(
      await post(DEPLOYMENTS, JSON.stringify(deployment({ replicas: 'three' }))),
      422,
      'Invalid',
      /spec\.replicas/,
    );
    assert.ok(status.details?.causes?.some((c) => c.field === 'spec.replicas'));
  });

  it('applies fieldValidation: Strict refuses unknown fields, Warn warns, Ignore drops', async () => {
    const body = JSON.stringify(deployment({ replicaz: 3 }));
    assertStatus(
      await post(`${DEPLOYMENTS}?fieldValidation=Strict`, body),
      400,
      'BadRequest',
      /unknown field "spec.replicaz"/,
    );
    const warned = await post(`${DEPLOYMENTS}?fieldValidation=Warn&dryRun=All`, body);
    assert.equal(warned.status, 201, warned.body);
    assert.match(String(warned.headers['warning']), /unknown field \\"spec.replicaz\\"/);
    const ignored = await post(`${DEPLOYMENTS}?fieldValidation=Ignore&dryRun=All`, body);
    assert.equal(ignored.status, 201, ignored.body);
    assert.equal(ignored.headers['warning'], undefined);
    assert.equal(
      (JSON.parse(ignored.body) as { spec: Record<string, unknown> }).spec['replicaz'],
      undefined,
      'unknown fields are dropped',
    );
  });

  it('refuses a body over 3 MiB with 413', async () => {
    const huge = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'huge' },
      data: { blob: 'x'.repeat(3 * 1024 * 1024) },
    });
    assertStatus(await post(CONFIGMAPS, huge), 413, 'RequestEntityTooLarge', /limit is 3145728/);
  });

  it('refuses JSON nested 10,000 levels deep without crashing', async () => {
    const deep =
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":' +
      '{"a":'.repeat(10_000) +
      '1' +
      '}'.repeat(10_000) +
      '}';
    assertStatus(await post(CONFIGMAPS, deep), 400, 'BadRequest', /nests deeper than/);
  });

  it('refuses unsupported patch types with 415 and bad patches with 4xx', async () => {
    const path = `${CONFIGMAPS}/none`;
    assertStatus(
      await server.request({ method: 'PATCH', path, body: '{}', headers: { 'Content-Type': 'text/plain' } }),
      415,
      'UnsupportedMediaType',
      /text\/plain/,
    );
  });

  it('answers 405 for a method a path does not take and 406 for an unproducible Accept', async () => {
    assertStatus(
      await server.request({ method: 'POST', path: `${CONFIGMAPS}/x`, body: '{}' }),
      405,
      'MethodNotAllowed',
      /not allow/,
    );
    assertStatus(
      await server.request({ path: CONFIGMAPS, headers: { Accept: 'application/vnd.kubernetes.protobuf' } }),
      406,
      'NotAcceptable',
      /application\/json/,
    );
  });
});
