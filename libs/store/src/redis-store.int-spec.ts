import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type KubeObject } from '#api';
import { Redis } from 'ioredis';
import { startTestRedis, testStoreOptions, useTestStore } from '#testing';
import { RedisStore } from './redis-store.js';
import { StoreKeys } from './store-keys.js';

function pod(name: string, namespace = 'default', extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: { nodeName: '' },
    ...extra,
  };
}

async function rejectsWith(promise: Promise<unknown>, code: number, reason: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.reason, reason);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('RedisStore CRUD', () => {
  const fixture = useTestStore();

  it('creates, gets, updates and deletes with increasing resourceVersions', async () => {
    const created = await fixture.store.create('pods', pod('crud'));
    const rv1 = Number(created.metadata.resourceVersion);
    assert.ok(rv1 > 0);
    assert.deepEqual(await fixture.store.get('pods', 'default', 'crud'), created);

    const changed = { ...created, spec: { nodeName: 'node-1' } };
    const updated = await fixture.store.update('pods', changed, {
      expectedResourceVersion: created.metadata.resourceVersion,
    });
    assert.equal(Number(updated.metadata.resourceVersion), rv1 + 1);
    assert.deepEqual((await fixture.store.get('pods', 'default', 'crud'))?.spec, { nodeName: 'node-1' });

    const deleted = await fixture.store.delete('pods', 'default', 'crud');
    assert.equal(Number(deleted.metadata.resourceVersion), rv1 + 2, 'the deletion has its own resourceVersion');
    assert.deepEqual(deleted.spec, { nodeName: 'node-1' }, 'the deleted object is the last state');
    assert.equal(await fixture.store.get('pods', 'default', 'crud'), undefined);
    assert.equal(await fixture.store.currentResourceVersion(), String(rv1 + 2));
  });

  it('keeps resourceVersion out of the stored JSON and does not write an unchanged object', async () => {
    const created = await fixture.store.create('pods', {
      ...pod('noop'),
      metadata: { ...pod('noop').metadata, resourceVersion: '999' },
    });
    assert.notEqual(created.metadata.resourceVersion, '999');
    const again = await fixture.store.update('pods', created);
    assert.equal(again.metadata.resourceVersion, created.metadata.resourceVersion);
    assert.equal(await fixture.store.currentResourceVersion(), created.metadata.resourceVersion);
  });

  it('maps script return codes to Kubernetes errors', async () => {
    await fixture.store.create('deployments.apps', pod('web'));
    await rejectsWith(
      fixture.store.create('deployments.apps', pod('web')),
      409,
      'AlreadyExists',
      /^deployments\.apps "web" already exists$/,
    );
    await rejectsWith(fixture.store.update('pods', pod('missing')), 404, 'NotFound', /^pods "missing" not found$/);
    await rejectsWith(fixture.store.delete('pods', 'default', 'missing'), 404, 'NotFound');
    await rejectsWith(
      fixture.store.update('deployments.apps', pod('web'), { expectedResourceVersion: '1' }),
      409,
      'Conflict',
      /^Operation cannot be fulfilled on deployments\.apps "web": the object has been modified; please apply your changes to the latest version and try again$/,
    );
    await rejectsWith(
      fixture.store.delete('deployments.apps', 'default', 'web', { expectedUid: 'other' }),
      409,
      'Conflict',
      /UID in precondition: other, UID in object meta: uid-web/,
    );
    await rejectsWith(
      fixture.store.delete('deployments.apps', 'default', 'web', { expectedResourceVersion: '1' }),
      409,
      'Conflict',
      /ResourceVersion in precondition: 1/,
    );
    const current = await fixture.store.get('deployments.apps', 'default', 'web');
    const deleted = await fixture.store.delete('deployments.apps', 'default', 'web', {
      expectedUid: 'uid-web',
      expectedResourceVersion: current!.metadata.resourceVersion,
    });
    assert.equal(deleted.metadata.name, 'web');
  });

  it('stores cluster-scoped objects under an empty namespace', async () => {
    await fixture.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    const got = await fixture.store.get('namespaces', '', 'team-a');
    assert.equal(got?.metadata.name, 'team-a');
    assert.deepEqual(
      (await fixture.store.list('namespaces')).items.map((n) => n.metadata.name),
      ['team-a'],
    );
  });

  it('lets exactly one of 50 concurrent updates carrying the same resourceVersion win', async () => {
    const base = await fixture.store.create('pods', pod('contended'));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        fixture.store.update(
          'pods',
          { ...base, spec: { nodeName: `node-${i}` } },
          { expectedResourceVersion: base.metadata.resourceVersion },
        ),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 49);
    for (const r of lost) assert.equal((r.reason as ApiError).reason, 'Conflict');
    assert.equal(
      (await fixture.store.get('pods', 'default', 'contended'))?.metadata.resourceVersion,
      String(Number(base.metadata.resourceVersion) + 1),
    );
  });

  it('expires objects with a TTL through a normal delete, keeping index and watch consistent', async () => {
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: 'default' } };
    const created = await fixture.store.create('events', event, { ttlSeconds: 60 });
    const watch = fixture.store.watch('events', { resourceVersion: created.metadata.resourceVersion });
    assert.equal(await fixture.store.expireDue(Date.now()), 0, 'not due yet');
    assert.equal(await fixture.store.expireDue(Date.now() + 61_000), 1);
    assert.equal(await fixture.store.get('events', 'default', 'e1'), undefined);
    assert.deepEqual((await fixture.store.list('events')).items, []);
    const { value } = await watch[Symbol.asyncIterator]().next();
    assert.equal(value.type, 'DELETED');
    assert.equal(value.object.metadata.name, 'e1');
    watch.stop();
  });

  it('does not expire an object whose TTL was refreshed by an update', async () => {
    const created = await fixture.store.create(
      'events',
      { metadata: { name: 'e2', namespace: 'default' } },
      { ttlSeconds: 1 },
    );
    await fixture.store.update('events', { ...created, count: 2 }, { ttlSeconds: 3600 });
    assert.equal(await fixture.store.expireDue(Date.now() + 10_000), 0);
    assert.ok(await fixture.store.get('events', 'default', 'e2'));
  });

  it('trims the change stream to about its configured length', async () => {
    const small = await RedisStore.connect(fixture.redis.url, { ...testStoreOptions, changeStreamMaxLen: 100 });
    try {
      for (let i = 0; i < 1000; i++) await small.create('configmaps', pod(`trim-${i}`));
      const raw = new Redis({ path: fixture.redis.socketPath });
      const length = await raw.xlen(StoreKeys.changes);
      await raw.quit();
      assert.ok(length < 300, `stream length ${length}`);
    } finally {
      await small.close();
    }
  });
});

describe('RedisStore.connect', () => {
  it('refuses a Redis whose maxmemory-policy may evict keys', async () => {
    const lru = await startTestRedis({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    try {
      await assert.rejects(
        RedisStore.connect(lru.url, { logger: testStoreOptions.logger }),
        /maxmemory-policy is "allkeys-lru", but kubenest needs "noeviction"/,
      );
    } finally {
      await lru.stop();
    }
  });

  it('warns instead when CONFIG is disabled', async () => {
    const locked = await startTestRedis({ args: ['--rename-command', 'CONFIG', '""'] });
    const warnings: string[] = [];
    try {
      const store = await RedisStore.connect(locked.url, {
        logger: { warn: (_o, msg) => warnings.push(msg), error() {} },
        expirySweepIntervalMs: 0,
      });
      await store.close();
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /noeviction/);
    } finally {
      await locked.stop();
    }
  });

  it('rejects URLs it cannot connect with', async () => {
    await assert.rejects(
      RedisStore.connect('http://localhost:6379', { logger: testStoreOptions.logger }),
      /use redis:\/\/, rediss:\/\/ or unix:\/\//,
    );
  });
});
