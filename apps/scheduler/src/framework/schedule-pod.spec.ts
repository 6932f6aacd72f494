import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../testing/fake-node.js';
import { fakePod } from '../testing/fake-pod.js';
import { fitErrorMessage } from './fit-error.js';
import { schedulePod } from './schedule-pod.js';
import { defaultProfile } from './scheduling-profile.js';
import { Snapshot } from './snapshot.js';

describe('schedulePod', () => {
  it('picks the least loaded feasible node and ranks the others as fallbacks', () => {
    const nodes = [fakeNode('busy'), fakeNode('idle'), fakeNode('cordoned', { unschedulable: true })];
    const pods = [fakePod('a', { cpu: '700m', memory: '512Mi', nodeName: 'busy' })];
    const result = schedulePod(fakePod('p', { cpu: '100m' }), new Snapshot(nodes, pods), defaultProfile(), () => 0);
    assert.deepEqual(
      result.candidates.map((c) => c.name),
      ['idle', 'busy'],
    );
    assert.deepEqual(result.rejected.get('cordoned')?.reasons, ['node(s) were unschedulable']);
  });

  it('spreads replicas of one controller', () => {
    const nodes = [fakeNode('n1'), fakeNode('n2')];
    const pods = [fakePod('r1', { owner: 'rs', nodeName: 'n1' }), fakePod('x', { owner: 'other', nodeName: 'n2' })];
    const result = schedulePod(fakePod('r2', { owner: 'rs' }), new Snapshot(nodes, pods), defaultProfile(), () => 0);
    assert.equal(result.candidates[0].name, 'n2');
  });

  it('reports the first rejecting plugin per node, in Kubernetes wording', () => {
    const nodes = [
      fakeNode('full', { cpu: '1' }),
      fakeNode('gone', { ready: 'Unknown' }),
      fakeNode('tainted', {
        taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
        ready: 'Unknown',
      }),
    ];
    const pods = [fakePod('a', { cpu: '950m', nodeName: 'full' })];
    const result = schedulePod(fakePod('p', { cpu: '100m' }), new Snapshot(nodes, pods), defaultProfile());
    assert.deepEqual(result.candidates, []);
    assert.equal(result.rejected.get('tainted')?.plugin, 'TaintToleration');
    assert.equal(
      fitErrorMessage(result.numAllNodes, result.rejected.values()),
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, ' +
        '2 Preemption is not helpful for scheduling.',
    );
  });

  it('orders equal scores at random', () => {
    const nodes = [fakeNode('n1'), fakeNode('n2')];
    const draws = [0.9, 0.1];
    const result = schedulePod(fakePod('p'), new Snapshot(nodes, []), defaultProfile(), () => draws.shift()!);
    assert.deepEqual(
      result.candidates.map((c) => c.name),
      ['n2', 'n1'],
    );
  });
});
