import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type KubeObject } from '#api';
import { useTestStore } from '#testing';
import type { ListOptions } from './interfaces/store.js';
import type { RedisStore } from './redis-store.js';

function pod(namespace: string, name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels } };
}

const names = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

/** Follows continue tokens to the end, returning every page. */
async function allPages(store: RedisStore, resource: string, options: ListOptions, between?: () => Promise<void>) {
  const pages = [];
  let token: string | undefined;
  do {
    const page = await store.list(resource, { ...options, continue: token });
    pages.push(page);
    token = page.continue;
    if (token && between) await between();
  } while (token);
  return pages;
}

describe('RedisStore.list', () => {
  const fixture = useTestStore(async (store) => {
    for (const ns of ['b', 'a', 'a-b', 'ab']) {
      for (const name of ['y', 'x', 'z'])
        await store.create('pods', pod(ns, name, { tier: name === 'y' ? 'web' : 'db' }));
    }
  });

  it('orders by the key "<namespace>/<name>" as etcd does, and scopes to one namespace exactly', async () => {
    const all = await fixture.store.list('pods');
    // Byte order of the whole key, like etcd's /registry/pods/<ns>/<name>: '-' sorts before '/'.
    assert.deepEqual(names(all.items), [
      'a-b/x',
      'a-b/y',
      'a-b/z',
      'a/x',
      'a/y',
      'a/z',
      'ab/x',
      'ab/y',
      'ab/z',
      'b/x',
      'b/y',
      'b/z',
    ]);
    assert.equal(all.resourceVersion, await fixture.store.currentResourceVersion());
    assert.deepEqual(names((await fixture.store.list('pods', { namespace: 'a' })).items), ['a/x', 'a/y', 'a/z']);
  });

  it('pages with limit, continue and remainingItemCount, reporting the first page resourceVersion', async () => {
    const pages = await allPages(fixture.store, 'pods', { namespace: 'a-b', limit: 2 });
    assert.deepEqual(
      pages.map((p) => names(p.items)),
      [['a-b/x', 'a-b/y'], ['a-b/z']],
    );
    assert.equal(pages[0].remainingItemCount, 1);
    assert.equal(pages[1].continue, undefined);
    assert.equal(pages[1].resourceVersion, pages[0].resourceVersion);
  });

  it('counts the limit in matching items, reading on past those the predicate rejects', async () => {
    const pages = await allPages(fixture.store, 'pods', {
      limit: 3,
      predicate: (o) => o.metadata.labels?.tier === 'web',
    });
    assert.deepEqual(
      pages.map((p) => names(p.items)),
      [['a-b/y', 'a/y', 'ab/y'], ['b/y']],
    );
    assert.equal(pages[0].remainingItemCount, undefined, 'unknown with a predicate, as in Kubernetes');
  });

  it('rejects a malformed continue token with 400', async () => {
    for (const token of ['not-base64-json', Buffer.from('{"v":"meta.k8s.io/v1","rv":1}').toString('base64url')]) {
      await assert.rejects(
        fixture.store.list('pods', { limit: 1, continue: token }),
        (err: unknown) => err instanceof ApiError && err.code === 400,
      );
    }
  });

  it('returns every object that exists throughout a pagination exactly once, despite concurrent writes', async () => {
    for (let i = 0; i < 500; i++)
      await fixture.store.create('configmaps', pod('paged', `cm-${String(i).padStart(3, '0')}`));
    let round = 0;
    // Between pages another client updates existing objects and creates and deletes new ones,
    // before and after the reader's position.
    const writeSome = async () => {
      round++;
      for (let i = 0; i < 20; i++) {
        const n = (round * 37 + i * 53) % 500;
        const name = `cm-${String(n).padStart(3, '0')}`;
        await fixture.store.update('configmaps', { ...pod('paged', name), data: { round: String(round) } });
        await fixture.store.create('configmaps', pod('paged', `${name}-new-${round}`));
        if (round > 1)
          await fixture.store.delete('configmaps', 'paged', `${name}-new-${round - 1}`).catch(() => undefined);
      }
    };
    const pages = await allPages(fixture.store, 'configmaps', { namespace: 'paged', limit: 10 }, writeSome);
    assert.ok(pages.length >= 50);
    const seen = pages.flatMap((p) => p.items.map((o) => o.metadata.name!));
    const originals = seen.filter((n) => !n.includes('-new-'));
    assert.deepEqual(
      originals,
      Array.from({ length: 500 }, (_, i) => `cm-${String(i).padStart(3, '0')}`),
    );
    assert.equal(new Set(seen).size, seen.length, 'no object twice');
    assert.deepEqual([...seen].sort(), seen, 'in key order');
    assert.ok(pages.every((p) => p.resourceVersion === pages[0].resourceVersion));
    assert.ok(pages.every((p, i) => i === pages.length - 1 || p.items.length === 10));
  });
});
