import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deployment, ReplicaSet } from '#api';
import { DeploymentReconciler } from './deployment.reconciler.js';
import { FakeCluster } from './testing/fake-cluster.js';
import { fakeDeployment, type FakeDeploymentOptions } from './testing/fake-deployment.js';
import { fakeReplicaSet } from './testing/fake-replica-set.js';
import { DEPLOYMENT_ANNOTATIONS } from './util/deployment-annotations.js';

const KEY = 'default/web';

function setup(options: FakeDeploymentOptions = {}) {
  const cluster = new FakeCluster();
  const d = cluster.add(fakeDeployment(options));
  const reconciler = new DeploymentReconciler(cluster.deps);
  return { cluster, d, reconcile: () => reconciler.reconcile(KEY) };
}

const revision = (obj: { metadata: { annotations?: Record<string, string> } }) =>
  obj.metadata.annotations?.[DEPLOYMENT_ANNOTATIONS.revision];
const progressing = (d: Deployment) => d.status?.conditions?.find((c) => c.type === 'Progressing');

/** What the ReplicaSet controller would report: every pod exists; `available` of them available. */
function report(cluster: FakeCluster, rs: ReplicaSet, available = rs.spec!.replicas!): void {
  cluster.change(rs, (copy) => {
    const replicas = copy.spec!.replicas!;
    copy.status = { replicas, readyReplicas: available, availableReplicas: available, observedGeneration: 1 };
  });
}

describe('DeploymentReconciler', () => {
  it('first rollout: creates <name>-<hash> with revision 1, the hash label, and reports it', async () => {
    const { cluster, reconcile } = setup({ replicas: 3 });
    await reconcile();

    const [rs] = cluster.replicaSetsOf();
    const hash = rs.metadata.labels!['pod-template-hash'];
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.equal(rs.spec!.replicas, 3);
    assert.equal(rs.spec!.selector.matchLabels!['pod-template-hash'], hash);
    assert.equal(rs.spec!.template!.metadata!.labels!['pod-template-hash'], hash);
    assert.equal(revision(rs), '1');
    assert.equal(rs.metadata.ownerReferences?.[0].controller, true);
    assert.deepEqual(
      cluster.events.map((e) => e.message),
      [`Scaled up replica set web-${hash} from 0 to 3`],
    );

    const d = cluster.deployment('web');
    assert.equal(revision(d), '1');
    assert.equal(progressing(d)?.reason, 'NewReplicaSetCreated');
    assert.equal(progressing(d)?.message, `Created new replica set "web-${hash}"`);
  });

  it('template change: a new RS at revision 2, rolled within maxSurge 1 / maxUnavailable 1 step by step', async () => {
    const { cluster, reconcile } = setup({
      replicas: 4,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    });
    await reconcile();
    const [v1] = cluster.replicaSetsOf();
    report(cluster, v1);
    await reconcile();
    cluster.change(cluster.deployment('web'), (d) => {
      d.spec!.template.spec!.containers[0].image = 'web:2.0';
      d.metadata.generation = 2;
    });

    // Each round: one reconcile, then the RS controller reports; pods of a grown RS become available one round later.
    for (let round = 0; round < 20; round++) {
      cluster.tick(1000);
      await reconcile();
      const all = cluster.replicaSetsOf();
      const total = all.reduce((n, rs) => n + rs.spec!.replicas!, 0);
      const available = all.reduce((n, rs) => n + Math.min(rs.spec!.replicas!, rs.status?.availableReplicas ?? 0), 0);
      assert.ok(total <= 5, `round ${round}: ${total} pods asked for, over 4 + maxSurge 1`);
      assert.ok(available >= 3, `round ${round}: ${available} available, under 4 - maxUnavailable 1`);
      for (const rs of all) report(cluster, rs, Math.min(rs.spec!.replicas!, rs.status?.replicas ?? 0));
    }
    const [old, v2] = cluster.replicaSetsOf();
    assert.equal(old.spec!.replicas, 0);
    assert.equal(v2.spec!.replicas, 4);
    assert.equal(revision(v2), '2');
    const d = cluster.deployment('web');
    assert.equal(revision(d), '2');
    assert.deepEqual(
      {
        updated: d.status!.updatedReplicas,
        available: d.status!.availableReplicas,
        observed: d.status!.observedGeneration,
      },
      { updated: 4, available: 4, observed: 2 },
    );
    assert.equal(progressing(d)?.reason, 'NewReplicaSetAvailable');
    assert.equal(d.status!.conditions!.find((c) => c.type === 'Available')?.status, 'True');
  });

  it('Recreate: old RS to 0, no new RS while an old pod runs, then the new RS at full size', async () => {
    const { cluster, d, reconcile } = setup({ replicas: 3, strategy: { type: 'Recreate' } });
    const old = cluster.add(fakeReplicaSet('web-old', 3, { ownedBy: d, revision: 1 }));
    const pod = cluster.add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-old-a',
        namespace: 'default',
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-old', uid: old.metadata.uid!, controller: true },
        ],
      },
      status: { phase: 'Running' },
    });

    await reconcile();
    assert.deepEqual(
      cluster.replicaSetsOf().map((rs) => [rs.metadata.name, rs.spec!.replicas]),
      [['web-old', 0]],
    );

    cluster.change(old, (rs) => (rs.status = { replicas: 0 }));
    await reconcile();
    assert.equal(cluster.replicaSetsOf().length, 1, 'an old pod still runs: the new RS must wait');

    cluster.pods.remove(pod);
    await reconcile();
    const created = cluster.replicaSetsOf().find((rs) => rs.metadata.name !== 'web-old');
    assert.equal(created?.spec!.replicas, 3);
    assert.equal(revision(created!), '2');
  });

  it('paused: a template change creates nothing, a resize still scales; resume rolls out', async () => {
    const { cluster, reconcile } = setup({ replicas: 3 });
    await reconcile();
    const [v1] = cluster.replicaSetsOf();
    report(cluster, v1);
    cluster.change(cluster.deployment('web'), (d) => {
      d.spec!.paused = true;
      d.spec!.template.spec!.containers[0].image = 'web:2.0';
      d.spec!.replicas = 5;
    });
    await reconcile();
    assert.equal(cluster.replicaSetsOf().length, 1);
    assert.equal(cluster.replicaSetsOf()[0].spec!.replicas, 5);
    assert.equal(progressing(cluster.deployment('web'))?.reason, 'DeploymentPaused');
    assert.equal(progressing(cluster.deployment('web'))?.status, 'Unknown');

    cluster.change(cluster.deployment('web'), (d) => (d.spec!.paused = false));
    await reconcile();
    assert.equal(cluster.replicaSetsOf().length, 2);
    assert.ok(['DeploymentResumed', 'NewReplicaSetCreated'].includes(progressing(cluster.deployment('web'))!.reason!));
  });

  it('revisionHistoryLimit 1: deletes the oldest settled RSs once the rollout is complete', async () => {
    const { cluster, d, reconcile } = setup({ replicas: 2, revisionHistoryLimit: 1 });
    for (const [i, name] of ['web-a', 'web-b', 'web-c'].entries())
      cluster.add(fakeReplicaSet(name, 0, { ownedBy: d, revision: i + 1, created: `2024-01-0${i + 1}T00:00:00Z` }));
    await reconcile();
    const [current] = cluster.replicaSetsOf().filter((rs) => revision(rs) === '4');
    report(cluster, current);
    await reconcile(); // status becomes complete
    await reconcile(); // cleanup sees it
    const deleted = cluster.actions.filter((a) => a.verb === 'delete').map((a) => a.name);
    assert.deepEqual(deleted, ['web-a', 'web-b']);
    assert.deepEqual(cluster.replicaSetsOf().map(revision).sort(), ['3', '4']);
  });

  it('ProgressDeadlineExceeded: requeues for just past the deadline, then reports it', async () => {
    const { cluster, reconcile } = setup({ replicas: 2, progressDeadlineSeconds: 60 });
    await reconcile();
    const [rs] = cluster.replicaSetsOf();
    report(cluster, rs, 0);
    await reconcile();
    const result = await reconcile();
    assert.deepEqual(result, { requeueAfterMs: 61_000 });

    cluster.tick(30_000);
    assert.deepEqual(await reconcile(), { requeueAfterMs: 31_000 });
    assert.equal(progressing(cluster.deployment('web'))?.status, 'True');

    cluster.tick(31_000);
    await reconcile();
    const condition = progressing(cluster.deployment('web'))!;
    assert.equal(condition.status, 'False');
    assert.equal(condition.reason, 'ProgressDeadlineExceeded');
    assert.equal(condition.message, `ReplicaSet "${rs.metadata.name}" has timed out progressing.`);
    assert.equal(await reconcile(), undefined, 'a timed-out rollout is not requeued');
  });

  it('rollback to an existing template makes that RS new again with the next revision', async () => {
    const { cluster, reconcile } = setup({ replicas: 1 });
    await reconcile();
    const [v1] = cluster.replicaSetsOf();
    const v1Template = structuredClone(cluster.deployment('web').spec!.template);
    cluster.change(cluster.deployment('web'), (d) => (d.spec!.template.spec!.containers[0].image = 'web:2.0'));
    await reconcile();
    cluster.change(cluster.deployment('web'), (d) => (d.spec!.template = v1Template));
    await reconcile();
    const again = cluster.replicaSets.get('default', v1.metadata.name!)!;
    assert.equal(revision(again), '3');
    assert.equal(again.metadata.annotations![DEPLOYMENT_ANNOTATIONS.revisionHistory], '1');
  });

  it('does nothing for a deleted Deployment', async () => {
    const cluster = new FakeCluster();
    assert.equal(await new DeploymentReconciler(cluster.deps).reconcile('default/gone'), undefined);
    assert.deepEqual(cluster.actions, []);
  });
});
