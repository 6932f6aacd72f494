import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUILTIN_RESOURCES, type KubeObject } from '#api';
import { createApiClient, type ApiClient } from '#client';
import { startTestApiserver, type TestApiserver } from '#testing';

const CONFIGMAPS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'configmaps')!;

describe('DELETE propagationPolicy decides the garbage collector finalizer', () => {
  let api: TestApiserver;
  let client: ApiClient;

  before(async () => {
    api = await startTestApiserver();
    client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
  });
  after(async () => {
    client.close();
    await api.stop();
  });

  const create = (name: string, finalizers?: string[]) =>
    client.create(CONFIGMAPS, { metadata: { name, namespace: 'default', ...(finalizers ? { finalizers } : {}) } });
  const get = (name: string) => client.get<KubeObject>(CONFIGMAPS, 'default', name);

  it('Orphan adds "orphan" and keeps the object deleting', async () => {
    await create('orphan-me', ['example.com/keep']);
    await client.delete(CONFIGMAPS, 'default', 'orphan-me', { propagationPolicy: 'Orphan' });
    const cm = await get('orphan-me');
    assert.deepEqual(cm?.metadata.finalizers, ['example.com/keep', 'orphan']);
    assert.ok(cm?.metadata.deletionTimestamp);
  });

  it('Foreground adds "foregroundDeletion" to an object without finalizers, and a repeat switches it', async () => {
    await create('fg');
    await client.delete(CONFIGMAPS, 'default', 'fg', { propagationPolicy: 'Foreground' });
    assert.deepEqual((await get('fg'))?.metadata.finalizers, ['foregroundDeletion']);
    await client.delete(CONFIGMAPS, 'default', 'fg', { propagationPolicy: 'Orphan' });
    assert.deepEqual((await get('fg'))?.metadata.finalizers, ['orphan']);
  });

  it('removing the last GC finalizer removes the object', async () => {
    await create('fg-done');
    await client.delete(CONFIGMAPS, 'default', 'fg-done', { propagationPolicy: 'Foreground' });
    await client.patch(CONFIGMAPS, 'default', 'fg-done', { metadata: { finalizers: null } }, 'merge');
    assert.equal(await get('fg-done'), undefined);
  });

  it('Background and no policy delete at once', async () => {
    await create('bg');
    await create('plain');
    await client.delete(CONFIGMAPS, 'default', 'bg', { propagationPolicy: 'Background' });
    await client.delete(CONFIGMAPS, 'default', 'plain');
    assert.equal(await get('bg'), undefined);
    assert.equal(await get('plain'), undefined);
  });
});
