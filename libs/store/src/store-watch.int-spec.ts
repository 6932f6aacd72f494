import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, WatchEvent } from '#api';
import { startTestRedis, testStoreOptions, useTestStore, type TestRedis } from '#testing';
import type { Watch } from './interfaces/watch.js';
import { RedisStore, type RedisStoreOptions } from './redis-store.js';

function configMap(name: string, data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
    data,
  };
}

/** Takes the next n events, failing instead of hanging if they do not come. */
async function take(watch: Watch, n: number, timeoutMs = 5000): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  if (n === 0) return events;
  const iterator = watch[Symbol.asyncIterator]();
  const deadline = setTimeout(() => watch.stop(), timeoutMs);
  try {
    while (events.length < n) {
      const { done, value } = await iterator.next();
      if (done) break;
      events.push(value);
    }
  } finally {
    clearTimeout(deadline);
  }
  assert.equal(events.length, n, `expected ${n} events, got ${events.length} (${watch.endReason})`);
  return events;
}

function summary(events: WatchEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`);
}

async function withStore(
  options: RedisStoreOptions,
  body: (store: RedisStore, redis: TestRedis) => Promise<void>,
): Promise<void> {
  const redis = await startTestRedis();
  const store = await RedisStore.connect(redis.url, { ...testStoreOptions, ...options });
  try {
    await body(store, redis);
  } finally {
    await store.close();
    await redis.stop();
  }
}

describe('RedisStore.watch', () => {
  const fixture = useTestStore();

  it('delivers every change of 10,000 writes exactly once, in order, across forced re-watches', async () => {
    const objects = 25;
    const writes = 10_000;
    for (let i = 0; i < objects; i++) await fixture.store.create('configmaps', configMap(`churn-${i}`, { n: '0' }));
    // Not "0": that asks for the current state (synthetic ADDED events), not for history.
    const start = Number(await fixture.store.currentResourceVersion());
    // Writers run concurrently with the watcher so re-watches land mid-stream: some replay
    // from history, some join the live fan-out while changes arrive.
    const writer = Promise.all(
      Array.from({ length: 5 }, async (_, lane) => {
        for (let i = lane; i < writes; i += 5) {
          await fixture.store.update('configmaps', configMap(`churn-${i % objects}`, { n: String(i + 1) })); // never a no-op
        }
      }),
    );

    const seen: number[] = [];
    let lastRv = String(start);
    let rewatches = 0;
    while (seen.length < writes) {
      const watch = fixture.store.watch('configmaps', { resourceVersion: lastRv });
      const batch = Math.min(1_000 + rewatches * 137, writes - seen.length);
      for (const event of await take(watch, batch, 30_000)) {
        assert.notEqual(event.type, 'ERROR', JSON.stringify(event.object));
        seen.push(Number(event.object.metadata.resourceVersion));
        lastRv = event.object.metadata.resourceVersion!;
      }
      watch.stop();
      rewatches++;
    }
    await writer;
    assert.ok(rewatches >= 5, `only ${rewatches} re-watches`);
    assert.deepEqual(
      seen,
      Array.from({ length: writes }, (_, i) => start + 1 + i),
    );
  });

  it('keeps one change per event when several watchers share the live fan-out', async () => {
    const from = await fixture.store.currentResourceVersion();
    const watches = [
      fixture.store.watch('secrets', { resourceVersion: from }),
      fixture.store.watch('secrets', { resourceVersion: from }),
      fixture.store.watch(undefined, { resourceVersion: from }),
    ];
    for (let i = 0; i < 20; i++) await fixture.store.create('secrets', configMap(`fan-${i}`));
    await fixture.store.create('services', configMap('other'));
    const [a, b, all] = await Promise.all([take(watches[0], 20), take(watches[1], 20), take(watches[2], 21)]);
    assert.deepEqual(summary(a), summary(b));
    assert.equal(all[20].object.metadata.name, 'other', 'a watch over every resource sees other resources too');
    // Replayed history is read per watcher; once both have caught up, they share live records.
    await new Promise((r) => setTimeout(r, 100));
    await fixture.store.create('secrets', configMap('live'));
    const [[x], [y]] = await Promise.all([take(watches[0], 1), take(watches[1], 1)]);
    assert.equal(x.object, y.object, 'a live change is parsed once and shared');
    watches.forEach((w) => w.stop());
  });

  it('starts with synthetic ADDED events for "" and "0", then follows changes', async () => {
    await fixture.store.create('namespaces', { metadata: { name: 'b' } });
    await fixture.store.create('namespaces', { metadata: { name: 'a' } });
    for (const resourceVersion of [undefined, '0']) {
      const watch = fixture.store.watch('namespaces', { resourceVersion });
      assert.deepEqual(summary(await take(watch, 2)), ['ADDED a', 'ADDED b']);
      await fixture.store.delete('namespaces', '', 'a');
      assert.deepEqual(summary(await take(watch, 1)), ['DELETED a']);
      await fixture.store.create('namespaces', { metadata: { name: 'a' } });
      assert.deepEqual(summary(await take(watch, 1)), ['ADDED a']);
      watch.stop();
    }
  });

  it('lists every resource in the initial state of a watch over all resources', async () => {
    const watch = fixture.store.watch(undefined, { namespace: 'only-here' });
    await fixture.store.create('pods', configMap('late', {}, undefined));
    await Promise.all([
      fixture.store.create('services', { metadata: { name: 's', namespace: 'only-here' } }),
      fixture.store.create('pods', { metadata: { name: 'p', namespace: 'only-here' } }),
    ]);
    const events = await take(watch, 2);
    assert.deepEqual(events.map((e) => e.object.metadata.name).sort(), ['p', 's']);
    watch.stop();
    const again = fixture.store.watch(undefined, { namespace: 'only-here' });
    assert.deepEqual(summary(await take(again, 2)), ['ADDED p', 'ADDED s'], 'grouped by resource, then key');
    again.stop();
  });

  it('with sendInitialEvents marks the end of the initial state with a bookmark', async () => {
    await fixture.store.create('nodes', { metadata: { name: 'n1' } });
    const watch = fixture.store.watch('nodes', {
      sendInitialEvents: true,
      allowBookmarks: true,
      objectType: { apiVersion: 'v1', kind: 'Node' },
    });
    const [added, bookmark] = await take(watch, 2);
    assert.equal(added.type, 'ADDED');
    assert.deepEqual(bookmark, {
      type: 'BOOKMARK',
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          resourceVersion: added.object.metadata.resourceVersion,
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
    watch.stop();

    const fromNow = fixture.store.watch('nodes', { sendInitialEvents: false });
    await new Promise((r) => setTimeout(r, 100)); // "now" is when the watch is established
    await fixture.store.create('nodes', { metadata: { name: 'n2' } });
    assert.deepEqual(summary(await take(fromNow, 1)), ['ADDED n2'], 'sendInitialEvents=false skips existing objects');
    fromNow.stop();
  });

  it('turns MODIFIED into ADDED or DELETED when an object starts or stops matching the predicate', async () => {
    const from = await fixture.store.currentResourceVersion();
    const watch = fixture.store.watch('pods', {
      resourceVersion: from,
      predicate: (o) => o.metadata.labels?.app === 'web',
    });
    await fixture.store.create('pods', configMap('p', {}, { app: 'db' }));
    await fixture.store.update('pods', configMap('p', { v: '1' }, { app: 'web' }));
    await fixture.store.update('pods', configMap('p', { v: '2' }, { app: 'web' }));
    const stopped = await fixture.store.update('pods', configMap('p', { v: '3' }, { app: 'db' }));
    await fixture.store.update('pods', configMap('p', { v: '4' }, { app: 'db' }));
    await fixture.store.delete('pods', 'default', 'p');
    await fixture.store.create('pods', configMap('q', {}, { app: 'web' }));
    await fixture.store.delete('pods', 'default', 'q');
    const events = await take(watch, 5);
    assert.deepEqual(summary(events), ['ADDED p', 'MODIFIED p', 'DELETED p', 'ADDED q', 'DELETED q']);
    // Kubernetes sends the last matching state, at the resourceVersion of the change.
    assert.deepEqual(events[2].object.data, { v: '2' });
    assert.equal(events[2].object.metadata.resourceVersion, stopped.metadata.resourceVersion);
    watch.stop();
  });

  it('sends bookmarks while idle when allowed', async () => {
    await withStore({ bookmarkIntervalMs: 30 }, async (s) => {
      const created = await s.create('leases', configMap('l'));
      const watch = s.watch('leases', {
        resourceVersion: created.metadata.resourceVersion,
        allowBookmarks: true,
        objectType: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' },
      });
      const [bookmark] = await take(watch, 1);
      assert.deepEqual(bookmark.object, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { resourceVersion: created.metadata.resourceVersion },
      });
      watch.stop();
    });
  });

  it('rejects a malformed resourceVersion', () => {
    assert.throws(() => fixture.store.watch('pods', { resourceVersion: 'abc' }), /invalid resource version "abc"/);
  });
});

describe('RedisStore.watch after the change stream was trimmed', () => {
  it('answers a too old resourceVersion with a single 410 Expired ERROR, as kube-apiserver does', async () => {
    await withStore({ changeStreamMaxLen: 50 }, async (store, redis) => {
      for (let i = 0; i < 1_000; i++) await store.create('pods', configMap(`old-${i}`));
      const watch = store.watch('pods', { resourceVersion: '3' });
      const events: WatchEvent[] = [];
      for await (const event of watch) events.push(event);
      const { Redis } = await import('ioredis');
      const raw = new Redis({ path: redis.socketPath });
      const [[firstId]] = await raw.xrange('{kubenest}:changes', '-', '+', 'COUNT', 1);
      await raw.quit();
      const oldest = Number(firstId.split('-')[0]) - 1;
      assert.deepEqual(events, [
        {
          type: 'ERROR',
          object: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `too old resource version: 3 (${oldest})`,
            reason: 'Expired',
            code: 410,
          },
        },
      ]);
      assert.equal(watch.endReason, 'expired');

      // Exactly at the oldest retained position still works, and so does a fresh list+watch.
      const resumed = store.watch('pods', { resourceVersion: String(oldest) });
      assert.equal((await take(resumed, 1))[0].type, 'ADDED');
      resumed.stop();
    });
  });

  it('closes a watch whose consumer lags past the buffer limit; resuming from its last rv misses nothing', async () => {
    await withStore({ watchBufferLimit: 20 }, async (store) => {
      const from = await store.currentResourceVersion();
      const watch = store.watch('pods', { resourceVersion: from });
      await take(watch, 0);
      await store.create('pods', configMap('first'));
      const [first] = await take(watch, 1);
      // Nobody reads while 100 changes arrive: the watch overflows, keeps what it buffered, ends.
      for (let i = 0; i < 100; i++) await store.create('pods', configMap(`lag-${i}`));
      const drained: WatchEvent[] = [first];
      for await (const event of watch) drained.push(event);
      assert.equal(watch.endReason, 'overflow');
      assert.ok(drained.length < 101, 'the watch ended before delivering everything');
      const last = drained[drained.length - 1].object.metadata.resourceVersion;
      const rest = await take(store.watch('pods', { resourceVersion: last }), 101 - drained.length);
      assert.deepEqual(
        [...drained, ...rest].map((e) => e.object.metadata.name),
        ['first', ...Array.from({ length: 100 }, (_, i) => `lag-${i}`)],
      );
    });
  });
});

describe('RedisStore after connection trouble', () => {
  it('keeps a live watch going when its connection is killed, and reloads scripts Redis forgot', async () => {
    await withStore({}, async (store, redis) => {
      const from = await store.currentResourceVersion();
      const watch = store.watch('pods', { resourceVersion: from });
      await store.create('pods', configMap('before'));
      assert.deepEqual(summary(await take(watch, 1)), ['ADDED before']);
      const { Redis } = await import('ioredis');
      const admin = new Redis({ path: redis.socketPath });
      // A restarted Redis has an empty script cache; killed clients are what a failover looks like.
      await admin.script('FLUSH');
      await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await admin.quit();
      await store.create('pods', configMap('after'));
      assert.deepEqual(summary(await take(watch, 1, 10_000)), ['ADDED after']);
      watch.stop();
    });
  });
});

describe('RedisStore.watch after close', () => {
  it('ends at once with endReason "closed", as the watches open at the close did', async () => {
    const redis = await startTestRedis();
    const store = await RedisStore.connect(redis.url, testStoreOptions);
    const open = store.watch('pods');
    await store.close();
    await redis.stop();
    const late = store.watch('pods', { sendInitialEvents: true });
    for (const watch of [open, late]) {
      const next = await watch[Symbol.asyncIterator]().next();
      assert.equal(next.done, true);
      assert.equal(watch.endReason, 'closed');
    }
  });
});

describe('list + watch', () => {
  it('rebuilds the exact final state from a list and a watch from its resourceVersion under concurrent writes', async () => {
    await withStore({}, async (store) => {
      for (let i = 0; i < 200; i++) await store.create('pods', configMap(`s-${i}`, { v: '0' }));
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const n = i % 250;
          const existing = await store.get('pods', 'default', `s-${n}`);
          if (!existing) await store.create('pods', configMap(`s-${n}`, { v: String(i) }));
          else if (i % 7 === 0) await store.delete('pods', 'default', `s-${n}`);
          else await store.update('pods', configMap(`s-${n}`, { v: String(i) }));
        }
      })();
      await new Promise((r) => setTimeout(r, 50));
      const list = await store.list('pods');
      const cache = new Map(list.items.map((o) => [o.metadata.name!, o]));
      const watch = store.watch('pods', { resourceVersion: list.resourceVersion });
      await new Promise((r) => setTimeout(r, 200));
      writing = false;
      await writer;
      const end = Number(await store.currentResourceVersion());
      for await (const event of watch) {
        if (event.type === 'DELETED') cache.delete(event.object.metadata.name!);
        else cache.set(event.object.metadata.name!, event.object);
        if (Number(event.object.metadata.resourceVersion) >= end) break;
      }
      const final = await store.list('pods');
      assert.equal(final.resourceVersion, String(end));
      assert.deepEqual(
        [...cache.values()].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!)),
        [...final.items].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!)),
      );
    });
  });
});
