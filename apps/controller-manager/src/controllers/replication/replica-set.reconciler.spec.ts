import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, type KubeObject, type Pod } from '#api';
import { FakeInformer } from '#reconcile/testing';
import { podOwnerKeys } from './pod-owner-keys.js';
import { ReplicaSetReconciler } from './replica-set.reconciler.js';
import { replicaSetKind } from './replica-set-kind.js';
import type { ReplicatedObject } from './replicated-kind.js';
import { replicationControllerKind } from './replication-controller-kind.js';
import { RecordingApiClient } from './testing/recording-api-client.js';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

function replicaSet(replicas: number, extra: Partial<ReplicatedObject['spec']> = {}): ReplicatedObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { namespace: 'default', name: 'web', uid: 'rs-uid', generation: 3, resourceVersion: '10' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: { containers: [{ name: 'c', image: 'x' }] },
      },
      ...extra,
    },
  };
}

interface PodOptions {
  owner?: string | null;
  labels?: Record<string, string>;
  node?: string;
  phase?: string;
  readySecondsAgo?: number;
  createdSecondsAgo?: number;
  restarts?: number;
  deleting?: boolean;
}

function pod(name: string, o: PodOptions = {}): Pod {
  const owner = o.owner === undefined ? 'rs-uid' : o.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: 'default',
      name,
      uid: `uid-${name}`,
      resourceVersion: '5',
      labels: o.labels ?? { app: 'web', tier: 'front' },
      creationTimestamp: at(o.createdSecondsAgo ?? 100),
      ...(o.deleting ? { deletionTimestamp: at(0) } : {}),
      ...(owner
        ? {
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner, controller: true }],
          }
        : {}),
    },
    spec: { containers: [{ name: 'c', image: 'x' }], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions:
        o.readySecondsAgo === undefined
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: at(o.readySecondsAgo) }],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }] as never,
    },
  };
}

function fixture(owner: ReplicatedObject, pods: Pod[]) {
  const owners = new FakeInformer<ReplicatedObject>(replicaSetKind.type);
  const podInformer = new FakeInformer<Pod>({ ...replicaSetKind.type, group: '', kind: 'Pod', resource: 'pods' });
  owners.set(owner);
  for (const p of pods) podInformer.set(p);
  const client = new RecordingApiClient();
  client.objects.set('default/web', owner);
  const events: { reason: string; message: string }[] = [];
  const expected: [string, string][] = [];
  const reconciler = new ReplicaSetReconciler({
    kind: replicaSetKind,
    client,
    owners,
    pods: podInformer,
    recorder: { event: (_obj: KubeObject, _type, reason, message) => void events.push({ reason, message }) },
    expectations: { expect: async (key, rv) => void expected.push([key, rv]) },
    now: () => NOW,
  });
  const statusPatches = () =>
    client.actions
      .filter((a) => a.subresource === 'status')
      .map((a) => (a.body as { status: Record<string, unknown> }).status);
  return { reconciler, client, events, expected, statusPatches, owners, podInformer };
}

describe('ReplicaSetReconciler', () => {
  it('scales up from 0 with pods from the template, owned by the ReplicaSet, and expects the last write', async () => {
    const f = fixture(replicaSet(5), []);
    assert.equal(await f.reconciler.reconcile('default/web'), undefined);

    const creates = f.client.verbs('create');
    assert.equal(creates.length, 5);
    const body = creates[0].body as Pod;
    assert.equal(body.metadata.generateName, 'web-');
    assert.deepEqual(body.metadata.labels, { app: 'web', tier: 'front' });
    assert.deepEqual(body.metadata.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web',
        uid: 'rs-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    assert.deepEqual(f.events[0], { reason: 'SuccessfulCreate', message: 'Created pod: web-00001' });
    // 5 creates answered 1001..1005, then the status patch 1006.
    assert.deepEqual(f.expected, [['default/web', '1006']]);
    assert.equal(f.statusPatches()[0].replicas, 0);
    assert.equal(f.statusPatches()[0].observedGeneration, 3);
  });

  it('creates in slow-start batches 1, 2, 4 and stops at the batch with the first error', async () => {
    const f = fixture(replicaSet(10), []);
    let creates = 0;
    f.client.failOn = (a) =>
      a.verb === 'create' && ++creates === 4 ? ApiError.forbidden('exceeded quota: pods') : undefined;

    await assert.rejects(f.reconciler.reconcile('default/web'), /exceeded quota/);

    // Batches 1 and 2 succeed (3 pods); batch 3 tries 4 together, one fails: 7 tries, 3 never made.
    assert.equal(f.client.verbs('create').length, 7);
    assert.equal(f.events.filter((e) => e.reason === 'SuccessfulCreate').length, 6);
    assert.deepEqual(
      f.events.find((e) => e.reason === 'FailedCreate'),
      { reason: 'FailedCreate', message: 'Error creating: exceeded quota: pods' },
    );
    const [status] = f.statusPatches();
    assert.deepEqual(
      (status.conditions as { type: string; reason: string; message: string }[]).map(({ type, reason, message }) => ({
        type,
        reason,
        message,
      })),
      [{ type: 'ReplicaFailure', reason: 'FailedCreate', message: 'exceeded quota: pods' }],
    );
    assert.equal(f.expected.length, 1, 'writes made before the failure are still expected');
  });

  it('scales down by deleting unassigned, then pending, then not-ready, then most-restarted, then newest pods', async () => {
    const pods = [
      pod('old-ready', { node: 'n1', readySecondsAgo: 50 }),
      pod('new-ready', { node: 'n2', readySecondsAgo: 50, createdSecondsAgo: 10 }),
      pod('restarted', { node: 'n3', readySecondsAgo: 50, restarts: 4 }),
      pod('not-ready', { node: 'n4' }),
      pod('pending', { node: 'n5', phase: 'Pending' }),
      pod('unassigned', { phase: 'Pending' }),
    ];
    const deletedFor = async (replicas: number) => {
      const f = fixture(replicaSet(replicas), pods);
      await f.reconciler.reconcile('default/web');
      return { f, names: f.client.verbs('delete').map((a) => a.name) };
    };
    assert.deepEqual((await deletedFor(5)).names, ['unassigned']);
    assert.deepEqual((await deletedFor(1)).names.sort(), [
      'new-ready',
      'not-ready',
      'pending',
      'restarted',
      'unassigned',
    ]);
    const { f, names } = await deletedFor(2);
    assert.deepEqual(names.sort(), ['not-ready', 'pending', 'restarted', 'unassigned']);
    assert.deepEqual(f.client.verbs('delete')[0].body, { preconditions: { uid: 'uid-unassigned' } });
    assert.ok(f.events.some((e) => e.message === 'Deleted pod: unassigned'));
    // Deletes answer no resourceVersion to the client: one list reads the store's (1004 after 4 deletes).
    assert.equal(f.client.verbs('list').length, 1);
    assert.equal(f.expected[0][1], '1005');
  });

  it('does not count pods being deleted, or finished, toward replicas', async () => {
    const f = fixture(replicaSet(3), [
      pod('alive', { node: 'n1' }),
      pod('terminating', { node: 'n1', deleting: true }),
      pod('done', { node: 'n1', phase: 'Succeeded' }),
    ]);
    await f.reconciler.reconcile('default/web');
    assert.equal(f.client.verbs('create').length, 2);
    assert.equal(f.client.verbs('delete').length, 0);
  });

  it('adopts matching orphans with a uid- and resourceVersion-tested patch, and releases pods that stopped matching', async () => {
    const f = fixture(replicaSet(2), [
      pod('orphan', { owner: null }),
      pod('relabelled', { labels: { app: 'other' } }),
      pod('foreign', { owner: 'someone-else' }),
      pod('orphan-other-app', { owner: null, labels: { app: 'db' } }),
    ]);
    await f.reconciler.reconcile('default/web');

    const patches = f.client.verbs('patch');
    assert.deepEqual(
      patches.map((p) => p.name),
      ['orphan', 'relabelled'],
    );
    assert.deepEqual(patches[0].body, [
      { op: 'test', path: '/metadata/uid', value: 'uid-orphan' },
      { op: 'test', path: '/metadata/resourceVersion', value: '5' },
      {
        op: 'add',
        path: '/metadata/ownerReferences',
        value: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: 'web',
            uid: 'rs-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    ]);
    assert.deepEqual((patches[1].body as unknown[])[2], { op: 'remove', path: '/metadata/ownerReferences' });
    // The adoption was confirmed on a fresh GET; the adopted pod counts: 1 of 2, one create.
    assert.equal(f.client.verbs('get', 'replicasets').length, 1);
    assert.equal(f.client.verbs('create').length, 1);
  });

  it('never adopts for an owner being deleted, nor when a fresh read shows it was replaced', async () => {
    const deleting = replicaSet(2);
    deleting.metadata.deletionTimestamp = at(1);
    const f = fixture(deleting, [pod('orphan', { owner: null })]);
    await f.reconciler.reconcile('default/web');
    assert.deepEqual(
      f.client.actions.filter((a) => !a.subresource),
      [],
      'no adoption and no creates while the owner is being deleted',
    );

    const replaced = fixture(replicaSet(2), [pod('orphan', { owner: null })]);
    replaced.client.objects.set('default/web', { ...replicaSet(2), metadata: { name: 'web', uid: 'new-uid' } });
    await assert.rejects(replaced.reconciler.reconcile('default/web'), /is gone/);
    assert.equal(replaced.client.verbs('patch').length, 0);
  });

  it('computes status: fully labeled, ready and available after minReadySeconds, and looks again when the next becomes available', async () => {
    const f = fixture(replicaSet(3, { minReadySeconds: 10 }), [
      pod('long-ready', { node: 'n1', readySecondsAgo: 60 }),
      pod('just-ready', { node: 'n1', readySecondsAgo: 4 }),
      pod('partly-labelled', { node: 'n1', labels: { app: 'web' } }),
    ]);
    assert.deepEqual(await f.reconciler.reconcile('default/web'), { requeueAfterMs: 6000 });
    assert.deepEqual(f.statusPatches()[0], {
      conditions: null,
      replicas: 3,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 3,
    });
  });

  it('writes no status when nothing changed', async () => {
    const rs = replicaSet(1);
    rs.status = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 0, availableReplicas: 0, observedGeneration: 3 };
    const f = fixture(rs, [pod('only', { node: 'n1' })]);
    await f.reconciler.reconcile('default/web');
    assert.deepEqual(f.client.actions, []);
    assert.deepEqual(f.expected, []);
  });

  it('records an invalid selector once and does not retry it', async () => {
    const f = fixture(replicaSet(2, { selector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } }), []);
    assert.equal(await f.reconciler.reconcile('default/web'), undefined);
    assert.deepEqual(f.client.actions, []);
    assert.equal(f.events.length, 1);
    assert.equal(f.events[0].reason, 'InvalidSelector');
    assert.match(f.events[0].message, /Near/);
  });

  it('is done for a key whose object is gone', async () => {
    const f = fixture(replicaSet(2), []);
    assert.equal(await f.reconciler.reconcile('default/gone'), undefined);
    assert.deepEqual(f.client.actions, []);
  });
});

describe('podOwnerKeys', () => {
  it("maps a pod to its controller's key, and an orphan to every owner whose selector matches", () => {
    const { owners } = fixture(replicaSet(1), []);
    owners.set({ ...replicaSet(1), metadata: { namespace: 'default', name: 'web-canary', uid: 'c' } });
    owners.set({
      ...replicaSet(1, { selector: { matchLabels: { app: 'db' } } }),
      metadata: { namespace: 'default', name: 'db', uid: 'd' },
    });
    const keys = podOwnerKeys(replicaSetKind, owners);
    assert.deepEqual(keys(pod('owned')), ['default/web']);
    assert.deepEqual(keys(pod('orphan', { owner: null })).sort(), ['default/web', 'default/web-canary']);
    // Owned by a ReplicaSet: nothing for the ReplicationController controller.
    assert.deepEqual(podOwnerKeys(replicationControllerKind, owners)(pod('owned')), []);
  });
});
