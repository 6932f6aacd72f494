import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type KubeObject } from '#api';
import type { Store } from '#store';
import { useTestStore } from '#testing';
import { waitUntil } from '#reconcile/testing';
import { NamespaceLifecycle } from './namespace-lifecycle.js';

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** The real store, with its reads of namespaces counted: a cache hit must not read. */
function countingReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'get') {
        return (resource: string, ns: string, name: string) => {
          if (resource === 'namespaces') reads++;
          return target.get(resource, ns, name);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

const refusal = (code: number, text: RegExp) => (error: unknown) =>
  error instanceof ApiError && error.code === code && text.test(error.message);

/** Whether a create in `name` is refused now, with this code and message. */
async function refuses(admission: NamespaceLifecycle, name: string, code: number, text: RegExp): Promise<boolean> {
  try {
    await admission.admitCreate(name);
    return false;
  } catch (error) {
    return refusal(code, text)(error);
  }
}

describe('NamespaceLifecycle', () => {
  const fixture = useTestStore();

  it('refuses a namespace that does not exist, and one being terminated', async () => {
    const admission = new NamespaceLifecycle(fixture.store);
    await assert.rejects(admission.admitCreate('nowhere'), refusal(404, /namespaces "nowhere" not found/));

    const doomed = await fixture.store.create('namespaces', namespace('doomed'));
    await admission.admitCreate('doomed');
    const terminating = await fixture.store.update('namespaces', {
      ...doomed,
      metadata: { ...doomed.metadata, deletionTimestamp: new Date().toISOString() },
    });
    // Written past the plugin (as by another apiserver): the watch brings the change.
    await waitUntil(() => refuses(admission, 'doomed', 403, /being terminated/), 5_000, 'the terminating namespace');
    await fixture.store.delete('namespaces', '', 'doomed', {
      expectedResourceVersion: terminating.metadata.resourceVersion,
    });
    await waitUntil(() => refuses(admission, 'doomed', 404, /not found/), 5_000, 'the deleted namespace');
  });

  it('answers from its watch without reading the store, once it knows the namespace', async () => {
    const { store, reads } = countingReads(fixture.store);
    const admission = new NamespaceLifecycle(store);
    await fixture.store.create('namespaces', namespace('busy'));
    await admission.admitCreate('busy');
    const afterFirst = reads();
    for (let i = 0; i < 20; i++) await admission.admitCreate('busy');
    assert.equal(reads(), afterFirst);
    assert.ok(afterFirst <= 1, `the first create reads the namespace at most once (read ${afterFirst} times)`);
  });

  it('sees a write this apiserver made at once, and never lets an older version replace it', async () => {
    const admission = new NamespaceLifecycle(fixture.store);
    const active = await fixture.store.create('namespaces', namespace('mine'));
    await admission.admitCreate('mine');
    const terminating = await fixture.store.update('namespaces', {
      ...active,
      metadata: { ...active.metadata, deletionTimestamp: new Date().toISOString() },
    });
    admission.observe(terminating, false);
    await assert.rejects(admission.admitCreate('mine'), refusal(403, /being terminated/));
    // The watch's event of the older, active version may arrive afterwards.
    admission.observe(active, false);
    await assert.rejects(admission.admitCreate('mine'), refusal(403, /being terminated/));
  });
});
