import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../testing/fake-node.js';
import { fakePod } from '../testing/fake-pod.js';
import { NodeSampling } from './node-sampling.js';
import { schedulePod } from './schedule-pod.js';
import { defaultProfile } from './scheduling-profile.js';
import { Snapshot } from './snapshot.js';

describe('NodeSampling', () => {
  it("finds kube-scheduler's adaptive number of feasible nodes", () => {
    const sampling = new NodeSampling();
    assert.equal(sampling.numFeasibleNodesToFind(50), 50);
    assert.equal(sampling.numFeasibleNodesToFind(150), 100); // 49% of 150 is below the minimum of 100
    assert.equal(sampling.numFeasibleNodesToFind(1_000), 420);
    assert.equal(sampling.numFeasibleNodesToFind(5_000), 500);
    assert.equal(sampling.numFeasibleNodesToFind(100_000), 5_000);
    assert.equal(new NodeSampling(100).numFeasibleNodesToFind(1_000), 1_000);
    assert.throws(() => new NodeSampling(0), /percentageOfNodesToScore/);
  });

  it('stops filtering once enough nodes fit and starts the next cycle after them', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => fakeNode(`n${i}`, { unschedulable: i % 3 === 0 }));
    const snapshot = new Snapshot(nodes, []);
    const sampling = new NodeSampling(50); // 150 feasible nodes
    const first = schedulePod(fakePod('p'), snapshot, defaultProfile(), () => 0, sampling);
    assert.equal([...first.candidates].length, 150);
    assert.equal(first.rejected.size, 75); // every third of the 225 nodes looked at
    assert.equal(sampling.start(300), 225);
    const second = [...schedulePod(fakePod('q'), snapshot, defaultProfile(), () => 0, sampling).candidates];
    assert.equal(second.length, 150);
    assert.ok(second.some((c) => c.name === 'n299') && second.some((c) => c.name === 'n1'));
    assert.equal(sampling.start(300), 150);
  });
});
