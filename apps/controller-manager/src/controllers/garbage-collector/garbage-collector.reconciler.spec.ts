import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RESOURCES, type KubeObject, type OwnerReference, type ResourceType } from '#api';
import { FakeCluster } from '../../testing/fake-cluster.js';
import { GarbageCollectorReconciler } from './garbage-collector.reconciler.js';
import { graphKey } from './graph-key.js';
import { ObjectGraph } from './object-graph.js';

const find = (group: string, resource: string) =>
  BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource)!;
const DEPLOYMENTS = find('apps', 'deployments');
const REPLICASETS = find('apps', 'replicasets');
const PODS = find('', 'pods');
const TYPES = [DEPLOYMENTS, REPLICASETS, PODS];

function setup() {
  const cluster = new FakeCluster();
  const graph = new ObjectGraph();
  for (const type of TYPES) graph.track(cluster.informer(type));
  const gc = new GarbageCollectorReconciler(
    { client: cluster, graph, informerOf: (type) => cluster.informer(type) },
    TYPES,
  );
  const key = (type: ResourceType, obj: KubeObject) => graphKey.of(type, obj.metadata.namespace, obj.metadata.name!);
  return { cluster, gc, key };
}

const ownedBy = (owner: KubeObject, block = true): OwnerReference => ({
  apiVersion: owner.apiVersion!,
  kind: owner.kind!,
  name: owner.metadata.name!,
  uid: owner.metadata.uid!,
  controller: true,
  blockOwnerDeletion: block,
});
const meta = (name: string, owner?: KubeObject) => ({
  metadata: { name, namespace: 'default', ...(owner ? { ownerReferences: [ownedBy(owner)] } : {}) },
});

describe('GarbageCollectorReconciler', () => {
  it('collects a 3-level chain in the background once the top owner is gone', async () => {
    const { cluster, gc, key } = setup();
    const [deploy] = cluster.seed(DEPLOYMENTS, meta('web'));
    const [rs] = cluster.seed(REPLICASETS, meta('web-1', deploy));
    const [pod] = cluster.seed(PODS, meta('web-1-a', rs));
    cluster.forget(DEPLOYMENTS, deploy);

    await gc.reconcile(key(PODS, pod));
    assert.deepEqual(cluster.summary(), [], 'the pod has a solid owner');
    await gc.reconcile(key(REPLICASETS, rs));
    await gc.reconcile(key(PODS, pod));
    assert.deepEqual(cluster.summary(), ['delete replicasets default/web-1', 'delete pods default/web-1-a']);
    assert.deepEqual(
      cluster.actions.map((a) => a.detail),
      ['Background', 'Background'],
    );
  });

  it('verifies an owner missing from the cache with a GET before deleting', async () => {
    const { cluster, gc, key } = setup();
    const [rs] = cluster.seed(REPLICASETS, meta('web-1'));
    const [pod] = cluster.seed(PODS, meta('web-1-a', rs));
    // The graph misses the owner (a lagging informer) but the apiserver still has it.
    const graphless = new GarbageCollectorReconciler(
      { client: cluster, graph: new ObjectGraph(), informerOf: (type) => cluster.informer(type) },
      TYPES,
    );
    await graphless.reconcile(key(PODS, pod));
    assert.deepEqual(cluster.summary(), []);
    await gc.reconcile(key(PODS, pod));
    assert.deepEqual(cluster.summary(), []);
  });

  it('deletes in the foreground: leaves first, the owner last', async () => {
    const { cluster, gc, key } = setup();
    const [deploy] = cluster.seed(DEPLOYMENTS, meta('web'));
    const [rs] = cluster.seed(REPLICASETS, meta('web-1', deploy));
    const [pod] = cluster.seed(PODS, meta('web-1-a', rs));
    await cluster.delete(DEPLOYMENTS, 'default', 'web', { propagationPolicy: 'Foreground' });

    // Run every key until nothing changes, as the queue would after each event.
    for (let round = 0; round < 6; round++) {
      for (const [type, obj] of [
        [DEPLOYMENTS, deploy],
        [REPLICASETS, rs],
        [PODS, pod],
      ] as const)
        await gc.reconcile(key(type, obj));
    }
    assert.deepEqual(cluster.summary(), [
      'delete deployments default/web',
      'delete replicasets default/web-1',
      'delete pods default/web-1-a',
      'patch pods default/web-1-a',
      'patch replicasets default/web-1',
      'patch deployments default/web',
    ]);
    assert.deepEqual(
      cluster.actions.slice(1, 3).map((a) => a.detail),
      ['Foreground', 'Foreground'],
    );
    for (const type of TYPES) assert.deepEqual(cluster.informer(type).list(), []);
  });

  it('the foreground owner waits while a blocking dependent remains', async () => {
    const { cluster, gc, key } = setup();
    const [rs] = cluster.seed(REPLICASETS, meta('web-1'));
    cluster.seed(PODS, { metadata: { ...meta('web-1-a', rs).metadata, finalizers: ['example.com/slow'] } });
    await cluster.delete(REPLICASETS, 'default', 'web-1', { propagationPolicy: 'Foreground' });
    await gc.reconcile(key(PODS, { metadata: { namespace: 'default', name: 'web-1-a' } }));
    await gc.reconcile(key(REPLICASETS, rs));
    assert.ok(cluster.informer(REPLICASETS).get('default', 'web-1')?.metadata.deletionTimestamp);
    assert.ok(cluster.informer(PODS).get('default', 'web-1-a')?.metadata.deletionTimestamp);
  });

  it('orphans: removes the owner reference from dependents, then the orphan finalizer', async () => {
    const { cluster, gc, key } = setup();
    const [rs] = cluster.seed(REPLICASETS, meta('web-1'));
    const [other] = cluster.seed(REPLICASETS, meta('other'));
    const [pod] = cluster.seed(PODS, {
      metadata: { name: 'web-1-a', namespace: 'default', ownerReferences: [ownedBy(rs), ownedBy(other, false)] },
    });
    await cluster.delete(REPLICASETS, 'default', 'web-1', { propagationPolicy: 'Orphan' });
    await gc.reconcile(key(REPLICASETS, rs));
    await gc.reconcile(key(PODS, pod));

    assert.deepEqual(cluster.summary(), [
      'delete replicasets default/web-1',
      'patch pods default/web-1-a',
      'patch replicasets default/web-1',
    ]);
    assert.equal(cluster.informer(REPLICASETS).get('default', 'web-1'), undefined);
    const refs = cluster.informer(PODS).get('default', 'web-1-a')?.metadata.ownerReferences;
    assert.deepEqual(
      refs?.map((r) => r.name),
      ['other'],
    );
  });

  it('drops a dangling reference when another owner is solid', async () => {
    const { cluster, gc, key } = setup();
    const [gone] = cluster.seed(REPLICASETS, meta('gone'));
    const [kept] = cluster.seed(REPLICASETS, meta('kept'));
    const [pod] = cluster.seed(PODS, {
      metadata: { name: 'p', namespace: 'default', ownerReferences: [ownedBy(gone), ownedBy(kept)] },
    });
    cluster.forget(REPLICASETS, gone);
    await gc.reconcile(key(PODS, pod));
    assert.deepEqual(cluster.summary(), ['patch pods default/p']);
    assert.deepEqual(
      cluster
        .informer(PODS)
        .get('default', 'p')
        ?.metadata.ownerReferences?.map((r) => r.name),
      ['kept'],
    );
  });
});
