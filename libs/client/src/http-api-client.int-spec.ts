import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { ApiError, type KubeObject, type WatchEvent } from '#api';
import { startTestApiserver, type TestApiserver } from '#testing';
import { ClientMetrics } from './client-metrics.js';
import { connectionFromKubeconfig } from './connection-from-kubeconfig.js';
import { HttpApiClient } from './http-api-client.js';
import { testFixtures } from './test-fixtures.js';

const configMaps = testFixtures.type('configmaps');
const namespaces = testFixtures.type('namespaces');
const configMap = testFixtures.configMap;

describe('HttpApiClient against a real apiserver', () => {
  let server: TestApiserver;
  let client: HttpApiClient;
  const registry = new Registry();

  before(async () => {
    // A short watch history so that an old resourceVersion is answered with 410.
    server = await startTestApiserver({ KUBENEST_WATCH_HISTORY: '100' });
    client = new HttpApiClient(connectionFromKubeconfig(server.kubeconfigPath), {
      metrics: ClientMetrics.for(registry),
    });
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  it('creates, reads, lists, updates, patches and deletes', async () => {
    await client.create(namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'crud' } });
    const created = await client.create(configMaps, configMap('one', { a: '1' }, 'crud'));
    assert.ok(created.metadata.uid && created.metadata.resourceVersion);

    const read = await client.get<KubeObject>(configMaps, 'crud', 'one');
    assert.deepEqual(read?.['data'], { a: '1' });

    const list = await client.list(configMaps, { namespace: 'crud' });
    assert.deepEqual(
      list.items.map((i) => i.metadata.name),
      ['one'],
    );
    assert.ok(list.metadata.resourceVersion);

    const updated = await client.update(configMaps, { ...read!, data: { a: '2' } });
    assert.deepEqual(updated['data'], { a: '2' });
    assert.notEqual(updated.metadata.resourceVersion, read!.metadata.resourceVersion);

    const patched = await client.patch<KubeObject>(configMaps, 'crud', 'one', { data: { b: '3' } }, 'merge');
    assert.deepEqual(patched['data'], { a: '2', b: '3' });
    const jsonPatched = await client.patch<KubeObject>(
      configMaps,
      'crud',
      'one',
      [{ op: 'remove', path: '/data/a' }],
      'json',
    );
    assert.deepEqual(jsonPatched['data'], { b: '3' });

    await client.delete(configMaps, 'crud', 'one');
    assert.equal(await client.get(configMaps, 'crud', 'one'), undefined);
  });

  it('turns error Statuses into ApiErrors: Conflict, AlreadyExists, NotFound, Invalid', async () => {
    const first = await client.create(configMaps, configMap('conflict'));
    await client.update(configMaps, { ...first, data: { x: '1' } });

    const stale = await client.update(configMaps, { ...first, data: { x: '2' } }).catch((e: unknown) => e);
    assert.ok(stale instanceof ApiError);
    assert.equal(stale.reason, 'Conflict');
    assert.equal(stale.code, 409);
    assert.equal(stale.details?.name, 'conflict');

    const duplicate = await client.create(configMaps, configMap('conflict')).catch((e: unknown) => e);
    assert.ok(duplicate instanceof ApiError);
    assert.equal(duplicate.reason, 'AlreadyExists');

    const missing = await client.delete(configMaps, 'default', 'no-such').catch((e: unknown) => e);
    assert.ok(missing instanceof ApiError);
    assert.equal(missing.reason, 'NotFound');
    assert.equal(missing.code, 404);

    const invalid = await client.create(configMaps, configMap('Not_A_Name')).catch((e: unknown) => e);
    assert.ok(invalid instanceof ApiError);
    assert.equal(invalid.reason, 'Invalid');
    assert.equal(invalid.code, 422);
    assert.equal(invalid.details?.causes?.[0]?.field, 'metadata.name');
  });

  it('sends the bearer token: a wrong one is Unauthorized', async () => {
    const stranger = new HttpApiClient({ server: server.url, caPem: server.caPem, token: 'wrong' });
    try {
      const error = await stranger.list(configMaps).catch((e: unknown) => e);
      assert.ok(error instanceof ApiError);
      assert.equal(error.reason, 'Unauthorized');
    } finally {
      stranger.close();
    }
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const pooled = new HttpApiClient({ server: server.url, caPem: server.caPem, token: server.token });
    let connections = 0;
    pooled.pool.on('connect', () => connections++);
    try {
      for (let i = 0; i < 200; i++) await pooled.get(configMaps, 'default', 'conflict');
      // The second request is sent in the tick the first reply ends, before undici counts its
      // connection free again, so the pool opens one more; from then on both are reused.
      assert.ok(connections >= 1 && connections <= 2, `${connections} connections for 200 requests`);
    } finally {
      pooled.close();
    }
  });

  it('watches from a resourceVersion and stops when the signal aborts', async () => {
    const start = (await client.list(configMaps, { namespace: 'default', limit: 1 })).metadata.resourceVersion!;
    const abort = new AbortController();
    const seen: WatchEvent<KubeObject>[] = [];
    const watching = (async () => {
      for await (const event of client.watch(
        configMaps,
        { namespace: 'default', resourceVersion: start },
        abort.signal,
      )) {
        seen.push(event);
        if (seen.length === 3) abort.abort();
      }
    })();
    await client.create(configMaps, configMap('w1'));
    await client.patch(configMaps, 'default', 'w1', { data: { k: 'v' } }, 'merge');
    await client.delete(configMaps, 'default', 'w1');
    await watching;
    assert.deepEqual(
      seen.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED w1', 'MODIFIED w1', 'DELETED w1'],
    );
  });

  it('yields a watch ERROR event with 410 Expired for a resourceVersion older than the history', async () => {
    const old = (await client.list(configMaps, { limit: 1 })).metadata.resourceVersion!;
    for (let i = 0; i < 150; i++) await client.create(configMaps, configMap(`churn-${i}`));
    const events: WatchEvent<KubeObject>[] = [];
    for await (const event of client.watch(configMaps, { resourceVersion: old, timeoutSeconds: 5 })) {
      events.push(event);
      if (event.type === 'ERROR') break;
    }
    const last = events.at(-1)!;
    assert.equal(last.type, 'ERROR');
    assert.equal((last.object as unknown as { code: number }).code, 410);
  });

  it('counts requests by verb, resource and code', async () => {
    await client.get(configMaps, 'default', 'no-such');
    const requests = await ClientMetrics.for(registry).requests.get();
    const notFound = requests.values.find(
      (v) => v.labels.verb === 'get' && v.labels.resource === 'configmaps' && v.labels.code === '404',
    );
    assert.ok(notFound && notFound.value >= 1);
    const latency = await ClientMetrics.for(registry).requestDuration.get();
    assert.ok(latency.values.some((v) => v.labels.verb === 'create' && v.metricName?.endsWith('_count')));
  });
});
