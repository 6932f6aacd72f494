import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeObject, ResourceType } from '#api';
import { useTestRedis } from '#testing';
import { BullWorkQueue } from './bull-work-queue.js';
import { Expectations } from './expectations.js';
import { objectKey } from './reconciler.js';
import { runController } from './run-controller.js';
import { FakeInformer } from './testing/fake-informer.js';
import { waitUntil } from './testing/wait-until.js';

const rsType = { kind: 'ReplicaSet', resource: 'replicasets' } as ResourceType;
const podType = { kind: 'Pod', resource: 'pods' } as ResourceType;

function replicaSet(name: string): KubeObject {
  return { kind: 'ReplicaSet', metadata: { namespace: 'default', name } };
}

function pod(name: string, owner: string): KubeObject {
  return {
    kind: 'Pod',
    metadata: {
      namespace: 'default',
      name,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner }],
    },
  } as KubeObject;
}

const ownKey = (obj: KubeObject) => [objectKey(obj.metadata.namespace, obj.metadata.name ?? '')];
const ownerKeys = (obj: KubeObject) =>
  (obj.metadata.ownerReferences ?? [])
    .filter((o) => o.kind === 'ReplicaSet')
    .map((o) => objectKey(obj.metadata.namespace, o.name));

describe('runController', () => {
  const t = useTestRedis();

  test('informer events become keys: a pod event reconciles its owner; resync re-adds every primary key', async () => {
    const name = 'replicaset';
    const replicaSets = new FakeInformer<KubeObject>(rsType);
    const pods = new FakeInformer<KubeObject>(podType);
    const seen: string[] = [];
    const controller = await runController({
      reconciler: { name, reconcile: async (key) => void seen.push(key) },
      queue: new BullWorkQueue({ name, connection: t.connection }),
      informers: [
        { informer: replicaSets, keysFor: ownKey },
        { informer: pods, keysFor: ownerKeys },
      ],
      resyncPeriodMs: 1500,
    });
    try {
      replicaSets.set(replicaSet('web'));
      await waitUntil(() => seen.includes('default/web'), 20_000, 'rs add');
      seen.length = 0;
      pods.set(pod('web-abc', 'api'));
      await waitUntil(() => seen.includes('default/api'), 20_000, 'pod add -> owner key');
      seen.length = 0;
      // Resync: with no events, the primary's keys come back within a period or two.
      await waitUntil(() => seen.includes('default/web'), 20_000, 'resync');
      assert.ok(!seen.includes('default/web-abc'), 'pods are not primary keys');
    } finally {
      await controller.stop();
    }
    assert.equal(replicaSets.hasSynced(), false, 'stop() stops the informers');
  });

  test('a key whose informers lag behind its expectations is requeued, not reconciled', async () => {
    const name = 'replicaset-expect';
    const replicaSets = new FakeInformer<KubeObject>(rsType);
    const expectations = new Expectations(t.connection, { name, timeoutMs: 100 });
    await expectations.expect('default/web', '50');
    replicaSets.setResourceVersion('10');
    const seen: string[] = [];
    const controller = await runController({
      reconciler: { name, reconcile: async (key) => void seen.push(key) },
      queue: new BullWorkQueue({ name, connection: t.connection }),
      informers: [{ informer: replicaSets, keysFor: ownKey }],
      expectations,
      notCaughtUpRequeueMs: 200,
    });
    try {
      replicaSets.set(replicaSet('web'));
      await sleep(800);
      assert.equal(seen.length, 0, 'not acted on a cache at 10 < 50');
      replicaSets.setResourceVersion('50');
      await waitUntil(() => seen.includes('default/web'), 20_000, 'reconciled once caught up');
    } finally {
      await controller.stop();
    }
  });
});
