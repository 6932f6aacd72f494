import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { builtinResource, type Event } from '#api';
import type { BulkItem, Delivery } from '#search';
import { FakeCluster } from '../../testing/fake-cluster.js';
import { EventExportReconciler } from './event-export.reconciler.js';
import type { ExportedVersions } from './exported-versions.js';

const EVENTS = builtinResource('events');

// A recording Delivery stands in for the engine here (the reconcile decisions are the subject);
// test/e2e/metrics-events.e2e.ts exports to the real engine.
function setup() {
  const cluster = new FakeCluster();
  const delivered: BulkItem[] = [];
  const delivery: Delivery = {
    deliver: async (items) => (delivered.push(...items), { delivered: items.length, duplicates: 0, deadLettered: 0 }),
  };
  const markers = new Map<string, string>();
  const exported: ExportedVersions = {
    get: async (uid) => markers.get(uid),
    set: async (uid, rv) => void markers.set(uid, rv),
  };
  const reconciler = new EventExportReconciler({
    events: cluster.informer<Event>(EVENTS),
    delivery,
    exported,
    indexPrefix: 'kubenest-events',
    logger: pino({ level: 'silent' }),
  });
  return { cluster, reconciler, delivered };
}

const event = (count: number, lastTimestamp: string): Event =>
  ({
    metadata: { name: 'web.17f', namespace: 'shop', creationTimestamp: '2025-02-03T10:00:00Z' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'shop', uid: 'pod-uid' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    type: 'Warning',
    count,
    firstTimestamp: '2025-02-03T10:00:00Z',
    lastTimestamp,
    source: { component: 'kubelet', host: 'node-1' },
  }) as unknown as Event;

describe('EventExportReconciler', () => {
  it('indexes an event under its uid once per version, and again when it changes', async () => {
    const { cluster, reconciler, delivered } = setup();
    const [stored] = cluster.seed(EVENTS, event(1, '2025-02-03T10:00:00Z'));
    await reconciler.reconcile('shop/web.17f');
    await reconciler.reconcile('shop/web.17f'); // a resync: same version, nothing written
    assert.equal(delivered.length, 1);
    assert.deepEqual(
      { index: delivered[0].index, id: delivered[0].id, op: delivered[0].op },
      { index: 'kubenest-events-2025.02.03', id: stored.metadata.uid, op: 'index' },
    );
    assert.equal(delivered[0].document['count'], 1);
    assert.deepEqual(delivered[0].document['kubernetes'], {
      namespace_name: 'shop',
      host: 'node-1',
      pod_name: 'web',
      pod_id: 'pod-uid',
    });

    // The recorder's deduplication bumps count and lastTimestamp on the same object.
    await cluster.update(EVENTS, { ...stored, ...event(2, '2025-02-03T10:05:00Z'), metadata: stored.metadata });
    await reconciler.reconcile('shop/web.17f');
    assert.equal(delivered.length, 2);
    assert.equal(delivered[1].id, stored.metadata.uid);
    assert.equal(delivered[1].index, delivered[0].index);
    assert.equal(delivered[1].document['count'], 2);
    assert.equal(delivered[1].document['@timestamp'], '2025-02-03T10:05:00Z');
  });

  it('is done with an event that expired from the store (its document stays)', async () => {
    const { reconciler, delivered } = setup();
    assert.equal(await reconciler.reconcile('shop/gone'), undefined);
    assert.equal(delivered.length, 0);
  });
});
