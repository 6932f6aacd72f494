import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { ApiError, type KubeObject, type WatchEvent } from '#api';
import { ClientMetrics } from './client-metrics.js';
import { FakeApiClient } from './fake-api-client.js';
import { InformerFactory } from './informer-factory.js';
import { ListWatchInformer } from './list-watch-informer.js';
import type { ListWatchInformerOptions } from './list-watch-informer-options.js';
import { testFixtures } from './test-fixtures.js';

const configMaps = testFixtures.type('configmaps');
const silent = pino({ level: 'silent' });

function cm(name: string, rv: string, namespace = 'default'): KubeObject {
  return { metadata: { name, namespace, resourceVersion: rv, uid: `uid-${name}` } };
}

function ev(type: WatchEvent['type'], obj: KubeObject): WatchEvent<KubeObject> {
  return { type, object: obj };
}

function expired(): WatchEvent<KubeObject> {
  return {
    type: 'ERROR',
    object: ApiError.gone('too old resource version: 1 (50)').toStatus() as unknown as KubeObject,
  };
}

function listOf(rv: string, ...items: KubeObject[]) {
  return { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: rv }, items };
}

/** Records handler calls as "add a@3", "update a@3->4", "delete a@4". */
function recorder(informer: ListWatchInformer<KubeObject>): string[] {
  const calls: string[] = [];
  const at = (o: KubeObject) => `${o.metadata.name}@${o.metadata.resourceVersion}`;
  informer.addHandlers({
    add: (o) => calls.push(`add ${at(o)}`),
    update: (o, n) => calls.push(`update ${at(o)}->${n.metadata.resourceVersion}`),
    delete: (o) => calls.push(`delete ${at(o)}`),
  });
  return calls;
}

async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function informerOn(client: FakeApiClient, options: ListWatchInformerOptions = {}) {
  return new ListWatchInformer<KubeObject>(client, configMaps, { logger: silent, backoffInitialMs: 5, ...options });
}

describe('ListWatchInformer', () => {
  it('lists in pages of 500 with continue, then watches from the list resourceVersion with bookmarks', async () => {
    const client = new FakeApiClient();
    client.listResponder = (q) =>
      q.continue
        ? listOf('11', cm('b', '9'))
        : { ...listOf('10', cm('a', '5')), metadata: { resourceVersion: '10', continue: 'page-2' } };
    const informer = informerOn(client, { namespace: 'default', labelSelector: 'app=web' });
    const calls = recorder(informer);
    await informer.start();
    try {
      assert.deepEqual(client.listCalls, [
        { namespace: 'default', labelSelector: 'app=web', fieldSelector: undefined, limit: 500, continue: undefined },
        { namespace: 'default', labelSelector: 'app=web', fieldSelector: undefined, limit: 500, continue: 'page-2' },
      ]);
      assert.deepEqual(calls, ['add a@5', 'add b@9']);
      assert.ok(informer.hasSynced());
      assert.equal(informer.lastResourceVersion(), '10');
      await until(() => client.watchCalls.length === 1, 'the watch');
      assert.equal(client.watchCalls[0].resourceVersion, '10');
      assert.equal(client.watchCalls[0].allowWatchBookmarks, true);
      assert.equal(client.watchCalls[0].labelSelector, 'app=web');
      assert.equal(informer.get('default', 'a')?.kind, 'ConfigMap', 'list items get their kind back');
    } finally {
      informer.stop();
    }
  });

  it('applies watch events in order to the cache, the namespace index and the handlers', async () => {
    const client = new FakeApiClient();
    client.listResponder = () => listOf('10', cm('a', '5'));
    client.scriptWatch({
      events: [
        ev('ADDED', cm('b', '11', 'other')),
        ev('MODIFIED', cm('a', '12')),
        ev('DELETED', cm('b', '13', 'other')),
        ev('ADDED', cm('c', '14', 'other')),
        ev('BOOKMARK', { metadata: { resourceVersion: '20' } }),
      ],
    });
    const informer = informerOn(client);
    const calls = recorder(informer);
    await informer.start();
    try {
      await until(() => informer.lastResourceVersion() === '20', 'the bookmark');
      assert.deepEqual(calls, ['add a@5', 'add b@11', 'update a@5->12', 'delete b@13', 'add c@14']);
      assert.deepEqual(
        informer.list('other').map((o) => o.metadata.name),
        ['c'],
      );
      assert.deepEqual(
        informer
          .list()
          .map((o) => o.metadata.name)
          .sort(),
        ['a', 'c'],
      );
      assert.equal(informer.get('default', 'a')?.metadata.resourceVersion, '12');
      assert.equal(informer.get('other', 'b'), undefined);
    } finally {
      informer.stop();
    }
  });

  it('watches again from the last resourceVersion when the server ends the stream, without relisting', async () => {
    const client = new FakeApiClient();
    client.listResponder = () => listOf('10');
    client.scriptWatch({ events: [ev('ADDED', cm('a', '11'))], then: 'end' }, { events: [], then: 'end' });
    const informer = informerOn(client, { minWatchTimeoutSeconds: 60 });
    await informer.start();
    try {
      await until(() => client.watchCalls.length === 3, 'two re-watches');
      assert.deepEqual(
        client.watchCalls.map((w) => w.resourceVersion),
        ['10', '11', '11'],
      );
      assert.equal(client.listCalls.length, 1);
      const timeout = client.watchCalls[0].timeoutSeconds!;
      assert.ok(timeout >= 60 && timeout <= 120, `timeoutSeconds ${timeout} in [60, 120]`);
    } finally {
      informer.stop();
    }
  });

  it('relists on 410 Expired and emits only the differences against the cache', async () => {
    const registry = new Registry();
    const client = new FakeApiClient();
    let lists = 0;
    client.listResponder = () =>
      ++lists === 1
        ? listOf('10', cm('same', '3'), cm('changed', '4'), cm('gone', '5'))
        : listOf('90', cm('same', '3'), cm('changed', '60'), cm('new', '70'));
    client.scriptWatch({ events: [expired()] });
    const informer = informerOn(client, { metrics: ClientMetrics.for(registry) });
    const calls = recorder(informer);
    await informer.start();
    try {
      await until(() => client.watchCalls.length === 2, 'the watch after the relist');
      assert.deepEqual(calls.slice(3), ['update changed@4->60', 'add new@70', 'delete gone@5']);
      assert.deepEqual(
        informer
          .list()
          .map((o) => o.metadata.name)
          .sort(),
        ['changed', 'new', 'same'],
      );
      assert.equal(client.watchCalls[1].resourceVersion, '90');
      assert.equal(informer.lastResourceVersion(), '90');
      const relists = await ClientMetrics.for(registry).relists.get();
      assert.equal(relists.values[0].value, 1);
    } finally {
      informer.stop();
    }
  });

  it('relists when the watch request itself is refused with 410', async () => {
    const client = new FakeApiClient();
    client.scriptWatch({ then: ApiError.gone('too old') });
    const informer = informerOn(client);
    await informer.start();
    try {
      await until(() => client.listCalls.length === 2 && client.watchCalls.length === 2, 'the relist');
    } finally {
      informer.stop();
    }
    assert.equal(client.listCalls.length, 2);
  });

  it('backs off on repeated errors instead of spinning', async () => {
    const client = new FakeApiClient();
    const refused = Array.from({ length: 1000 }, () => ({ then: new Error('ECONNREFUSED') }));
    client.scriptWatch(...refused);
    const informer = informerOn(client, { backoffInitialMs: 20, backoffMaxMs: 1000 });
    await informer.start();
    await sleep(400);
    informer.stop();
    // 20, 40, 80, 160 ms ceilings (drawn from [d/2, d]): at most ~7 tries in 400 ms, never hundreds.
    assert.ok(client.watchCalls.length >= 2 && client.watchCalls.length <= 8, `${client.watchCalls.length} watches`);
  });

  it('waitForResourceVersion resolves true once the cache reaches the version, false after the timeout', async () => {
    const client = new FakeApiClient();
    client.listResponder = () => listOf('9');
    const informer = informerOn(client);
    await informer.start();
    try {
      assert.equal(await informer.waitForResourceVersion('8', 10), true);
      assert.equal(await informer.waitForResourceVersion('10', 20), false);
      const waiting = informer.waitForResourceVersion('100', 2000);
      informer.stop();
      client.scriptWatch({ events: [ev('ADDED', cm('x', '99')), ev('MODIFIED', cm('x', '100'))] });
      assert.equal(await waiting, false, 'stop() releases waiters');
      void informer.start();
      assert.equal(await informer.waitForResourceVersion('100', 2000), true);
      assert.equal(informer.get('default', 'x')?.metadata.resourceVersion, '100');
    } finally {
      informer.stop();
    }
  });

  it('replays the cache to a late handler and survives a throwing handler', async () => {
    const client = new FakeApiClient();
    client.listResponder = () => listOf('10', cm('a', '5'));
    client.scriptWatch({ events: [ev('ADDED', cm('b', '11'))] });
    const informer = informerOn(client);
    informer.addHandlers({
      add: () => {
        throw new Error('buggy controller');
      },
    });
    await informer.start();
    try {
      await until(() => informer.lastResourceVersion() === '11', 'the watch event');
      const late = recorder(informer);
      assert.deepEqual(late.sort(), ['add a@5', 'add b@11']);
    } finally {
      informer.stop();
    }
  });

  it('rejects start() when stopped before the first list', async () => {
    const client = new FakeApiClient();
    client.listResponder = () => {
      throw new Error('apiserver down');
    };
    const informer = informerOn(client);
    const starting = informer.start();
    informer.stop();
    await assert.rejects(starting, /stopped before it synced/);
  });
});

describe('InformerFactory', () => {
  it('shares one informer per kind and scope and starts them all', async () => {
    const client = new FakeApiClient();
    const factory = new InformerFactory(client, { logger: silent });
    const a = factory.informerFor(configMaps);
    assert.equal(factory.informerFor(configMaps), a);
    const scoped = factory.informerFor(configMaps, { namespace: 'kube-system' });
    assert.notEqual(scoped, a);
    assert.equal(factory.informerFor(configMaps, { namespace: 'kube-system' }), scoped);
    await factory.startAll();
    try {
      assert.ok(a.hasSynced() && scoped.hasSynced());
      assert.equal(client.listCalls.length, 2);
      const late = factory.informerFor(testFixtures.type('pods'));
      await until(() => late.hasSynced(), 'an informer created after startAll to start by itself');
    } finally {
      factory.stopAll();
    }
  });
});
