import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { KubeObject } from '#api';
import { startTestApiserver, type TestApiserver } from '#testing';
import { ClientMetrics } from './client-metrics.js';
import { compareResourceVersions } from './compare-resource-versions.js';
import { HttpApiClient } from './http-api-client.js';
import { ListWatchInformer } from './list-watch-informer.js';
import { testFixtures } from './test-fixtures.js';

const configMaps = testFixtures.type('configmaps');
const silent = pino({ level: 'silent' });

/** name -> resourceVersion, as kept by handlers alone, to check the events and not just the cache. */
function mirror(informer: ListWatchInformer<KubeObject>): Map<string, string> {
  const seen = new Map<string, string>();
  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  informer.addHandlers({
    add: (o) => seen.set(key(o), o.metadata.resourceVersion!),
    update: (_, n) => seen.set(key(n), n.metadata.resourceVersion!),
    delete: (o) => seen.delete(key(o)),
  });
  return seen;
}

function snapshot(objects: KubeObject[]): Map<string, string> {
  return new Map(objects.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion!]));
}

describe('ListWatchInformer against a real apiserver', () => {
  let server: TestApiserver;
  let client: HttpApiClient;

  before(async () => {
    server = await startTestApiserver({ KUBENEST_WATCH_HISTORY: '100' });
    client = new HttpApiClient({ server: server.url, caPem: server.caPem, token: server.token });
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  /** Random creates, updates and deletes over a writer's own names; returns the last write's rv. */
  async function churn(writer: number, operations: number): Promise<string> {
    let lastRv = '';
    for (let i = 0; i < operations; i++) {
      const name = `w${writer}-${Math.floor(Math.random() * 10)}`;
      const existing = await client.get(configMaps, 'default', name);
      if (!existing) {
        lastRv = (await client.create(configMaps, testFixtures.configMap(name, { i: String(i) }))).metadata
          .resourceVersion!;
      } else if (Math.random() < 0.3) {
        await client.delete(configMaps, 'default', name);
      } else {
        lastRv = (await client.patch(configMaps, 'default', name, { data: { i: String(i) } }, 'merge')).metadata
          .resourceVersion!;
      }
    }
    return lastRv;
  }

  it('stays equal to a fresh list under churn from 4 concurrent writers', async () => {
    const informer = new ListWatchInformer<KubeObject>(client, configMaps, { logger: silent });
    const handled = mirror(informer);
    await informer.start();
    try {
      await Promise.all([0, 1, 2, 3].map((w) => churn(w, 100)));
      // The last write is ours, so once the cache reaches it, it reflects every write.
      const marker = await client.create(configMaps, testFixtures.configMap(`marker-${Date.now()}`));
      assert.equal(await informer.waitForResourceVersion(marker.metadata.resourceVersion!, 10_000), true);
      const fresh = snapshot((await client.list(configMaps)).items);
      assert.deepEqual(snapshot(informer.list()), fresh);
      assert.deepEqual(handled, fresh);
    } finally {
      informer.stop();
    }
  });

  it('offers read-your-writes through waitForResourceVersion', async () => {
    const informer = new ListWatchInformer<KubeObject>(client, configMaps, { logger: silent, namespace: 'default' });
    await informer.start();
    try {
      const written = await client.create(configMaps, testFixtures.configMap('ryw'));
      assert.equal(await informer.waitForResourceVersion(written.metadata.resourceVersion!, 5000), true);
      assert.equal(informer.get('default', 'ryw')?.metadata.uid, written.metadata.uid);
    } finally {
      informer.stop();
    }
  });

  it('relists after 410 when resumed from a resourceVersion the watch history no longer holds', async () => {
    const registry = new Registry();
    const metrics = ClientMetrics.for(registry);
    const informer = new ListWatchInformer<KubeObject>(client, configMaps, { logger: silent, metrics });
    const handled = mirror(informer);
    await informer.start();
    informer.stop();
    const staleRv = informer.lastResourceVersion();
    // More writes than the history of 100 holds, including deletions of cached objects.
    const lastRv = await churn(9, 320);
    for (const o of informer.list().filter((o) => o.metadata.name?.startsWith('w0-'))) {
      await client.delete(configMaps, 'default', o.metadata.name!);
    }
    const marker = await client.create(configMaps, testFixtures.configMap(`after-${lastRv}`));

    await informer.start(); // resumes: watches from staleRv, gets 410, relists
    try {
      assert.equal(await informer.waitForResourceVersion(marker.metadata.resourceVersion!, 10_000), true);
      assert.ok(compareResourceVersions(informer.lastResourceVersion(), staleRv) > 0);
      const relists = (await metrics.relists.get()).values.reduce((sum, v) => sum + v.value, 0);
      assert.ok(relists >= 1, 'the informer relisted');
      const fresh = snapshot((await client.list(configMaps)).items);
      assert.deepEqual(snapshot(informer.list()), fresh);
      assert.deepEqual(handled, fresh, 'handlers saw adds, updates and deletes for the differences');
    } finally {
      informer.stop();
    }
  });
});
