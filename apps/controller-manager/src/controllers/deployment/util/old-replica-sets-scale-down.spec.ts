import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeDeployment } from '../testing/fake-deployment.js';
import { fakeReplicaSet } from '../testing/fake-replica-set.js';
import { oldReplicaSetsScaleDown } from './old-replica-sets-scale-down.js';

// After Kubernetes' TestDeploymentController_reconcileOldReplicaSets and cleanupUnhealthyReplicas.
describe('oldReplicaSetsScaleDown', () => {
  const d = (maxUnavailable: number) =>
    fakeDeployment({
      replicas: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable } },
    });
  const sizes = (steps: ReturnType<typeof oldReplicaSetsScaleDown>) =>
    steps.map((s) => `${s.rs.metadata.name}:${s.from}->${s.to}`);

  const cases: { name: string; maxUnavailable: number; oldAvailable: number; newAvailable: number; want: string[] }[] =
    [
      {
        name: 'maxUnavailable 0, new pods not ready: nothing',
        maxUnavailable: 0,
        oldAvailable: 10,
        newAvailable: 0,
        want: [],
      },
      {
        name: 'maxUnavailable 2, new pods not ready: down to 8',
        maxUnavailable: 2,
        oldAvailable: 10,
        newAvailable: 0,
        want: ['old:10->8'],
      },
      {
        name: '2 unhealthy old pods go first, no more',
        maxUnavailable: 2,
        oldAvailable: 8,
        newAvailable: 0,
        want: ['old:10->8'],
      },
      {
        name: 'new pods ready: down to 13 - 8 = 5',
        maxUnavailable: 2,
        oldAvailable: 10,
        newAvailable: 3,
        want: ['old:10->5'],
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const old = fakeReplicaSet('old', 10, { available: c.oldAvailable });
      const newRS = fakeReplicaSet('new', 3, { available: c.newAvailable });
      assert.deepEqual(sizes(oldReplicaSetsScaleDown(d(c.maxUnavailable), [old], newRS)), c.want);
    });
  }

  it('takes from the oldest RS first', () => {
    const oldest = fakeReplicaSet('v1', 2, { created: '2024-01-01T00:00:00Z' });
    const older = fakeReplicaSet('v2', 8, { created: '2024-02-01T00:00:00Z' });
    const newRS = fakeReplicaSet('v3', 3, { available: 3 });
    assert.deepEqual(sizes(oldReplicaSetsScaleDown(d(2), [older, oldest], newRS)), ['v1:2->0', 'v2:8->5']);
  });

  it('never counts more available old pods than the old RS keeps (its status lags a scale-down)', () => {
    // 4 replicas, maxUnavailable 1 (minAvailable 3): the old RS was just scaled 4 -> 3 but its
    // status still says 4 available; one new pod is ready. Only 3 + 1 - 3 = 1 may go, not 2.
    const four = fakeDeployment({
      replicas: 4,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    });
    const old = fakeReplicaSet('old', 3, { available: 4 });
    const newRS = fakeReplicaSet('new', 2, { available: 1 });
    assert.deepEqual(sizes(oldReplicaSetsScaleDown(four, [old], newRS)), ['old:3->2']);
  });

  it('does nothing without old pods', () => {
    assert.deepEqual(oldReplicaSetsScaleDown(d(2), [fakeReplicaSet('old', 0)], fakeReplicaSet('new', 10)), []);
  });
});
