import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeDeployment } from '../testing/fake-deployment.js';
import { fakeReplicaSet } from '../testing/fake-replica-set.js';
import { newReplicaSetTarget } from './new-replica-set-target.js';

// After Kubernetes' TestNewRSNewReplicas.
describe('newReplicaSetTarget', () => {
  const rolling = (replicas: number, maxSurge: number) =>
    fakeDeployment({ replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 0 } } });

  it('cannot grow when the surge is used up: 1 replica + 1 surge, 10 pods -> stays 5', () => {
    const newRS = fakeReplicaSet('new', 5);
    assert.equal(newReplicaSetTarget(rolling(1, 1), [fakeReplicaSet('old', 5), newRS], newRS), 5);
  });

  it('grows to spec.replicas when the surge leaves room: 6 + 10 surge, 7 pods -> 6', () => {
    const newRS = fakeReplicaSet('new', 2);
    assert.equal(newReplicaSetTarget(rolling(6, 10), [fakeReplicaSet('old', 5), newRS], newRS), 6);
  });

  it('grows by the room left: 10 + 3 surge, old 10 -> 3, then old 8 -> 5', () => {
    const fresh = fakeReplicaSet('new', 0);
    assert.equal(newReplicaSetTarget(rolling(10, 3), [fakeReplicaSet('old', 10), fresh], fresh), 3);
    const grown = fakeReplicaSet('new', 3);
    assert.equal(newReplicaSetTarget(rolling(10, 3), [fakeReplicaSet('old', 8), grown], grown), 5);
  });

  it('Recreate: straight to spec.replicas', () => {
    const newRS = fakeReplicaSet('new', 1);
    const d = fakeDeployment({ replicas: 3, strategy: { type: 'Recreate' } });
    assert.equal(newReplicaSetTarget(d, [fakeReplicaSet('old', 5), newRS], newRS), 3);
  });
});
