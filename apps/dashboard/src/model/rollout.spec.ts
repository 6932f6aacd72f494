import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Workload } from './k8s-types.js';
import { restartPatch } from './rollout-restart.js';
import { planRolloutUndo } from './rollout-undo.js';
import { rolloutProgress } from './rollout-progress.js';

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: { containers: [{ name: 'web', image }] },
});

const deployment: Workload = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'd1',
    resourceVersion: '42',
    generation: 3,
    annotations: { [`deployment.kubernetes.io/revision`]: '2' },
  },
  spec: { replicas: 3, template: template('web:2.0') },
  status: { observedGeneration: 3, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
};

function replicaSet(revision: number, image: string, owner = 'd1', annotations: Record<string, string> = {}): Workload {
  return {
    metadata: {
      name: `web-${revision}`,
      uid: `rs${revision}`,
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...annotations },
      ownerReferences: [{ kind: 'Deployment', name: 'web', uid: owner, controller: true }],
    },
    spec: { replicas: 0, template: template(image, `h${revision}`) },
  };
}

describe('planRolloutUndo', () => {
  it('patches the template to the previous revision without the pod-template-hash label', () => {
    const plan = planRolloutUndo(deployment, [
      replicaSet(1, 'web:1.0', 'd1', { 'kubernetes.io/change-cause': 'first' }),
      replicaSet(2, 'web:2.0'),
      replicaSet(7, 'other:1', 'someone-else'),
    ]);
    assert.ok(plan.ok);
    assert.equal(plan.revision, 1);
    assert.deepEqual(plan.patch, [
      { op: 'replace', path: '/spec/template', value: template('web:1.0') },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'first' },
      },
    ]);
  });

  it('refuses without a previous revision, for a paused deployment, and when nothing would change', () => {
    assert.deepEqual(planRolloutUndo(deployment, [replicaSet(2, 'web:2.0')]), {
      ok: false,
      reason: 'no rollout history found: there is no previous revision',
    });
    assert.equal(planRolloutUndo({ ...deployment, spec: { ...deployment.spec, paused: true } }, []).ok, false);
    const same = planRolloutUndo(deployment, [replicaSet(1, 'web:2.0'), replicaSet(2, 'web:2.0')]);
    assert.deepEqual(same, { ok: false, reason: 'skipped rollback (current template already matches revision 1)' });
  });

  it('rolls back to an explicit revision, and says when it does not exist', () => {
    const sets = [replicaSet(1, 'web:1.0'), replicaSet(2, 'web:2.0'), replicaSet(3, 'web:3.0')];
    const plan = planRolloutUndo(deployment, sets, 3);
    assert.ok(plan.ok && plan.revision === 3);
    assert.deepEqual(planRolloutUndo(deployment, sets, 9), {
      ok: false,
      reason: 'unable to find the specified revision 9 in history',
    });
  });
});

describe('restartPatch', () => {
  it('stamps the template with kubectl.kubernetes.io/restartedAt in RFC 3339 seconds', () => {
    assert.deepEqual(restartPatch(new Date('2024-05-10T12:00:00.123Z')), {
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-10T12:00:00Z' } } },
      },
    });
  });
});

describe('rolloutProgress', () => {
  it('reads a finished rollout as rolled out', () => {
    const p = rolloutProgress('Deployment', deployment);
    assert.deepEqual([p.desired, p.updated, p.ready, p.available, p.state, p.tone], [3, 3, 3, 3, 'Rolled out', 'ok']);
  });

  it('reports updated replicas lagging behind, and a missed deadline as an error', () => {
    const rolling = { ...deployment, status: { ...deployment.status, updatedReplicas: 1 } };
    assert.equal(rolloutProgress('Deployment', rolling).state, '1 of 3 updated');
    const stuck = {
      ...rolling,
      status: {
        ...rolling.status,
        conditions: [
          { type: 'Progressing', status: 'False' as const, reason: 'ProgressDeadlineExceeded', message: 'timed out' },
        ],
      },
    };
    const p = rolloutProgress('Deployment', stuck);
    assert.equal(p.tone, 'error');
    assert.equal(p.notable[0].message, 'timed out');
  });

  it('waits for the controller to observe a new generation', () => {
    const rs: Workload = {
      metadata: { name: 'r', uid: 'r', generation: 2 },
      spec: { replicas: 2 },
      status: { observedGeneration: 1 },
    };
    assert.equal(rolloutProgress('ReplicaSet', rs).state, 'Waiting for the controller');
  });
});
