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
      [...result.candidates].map((c) => c.name),
      ['idle', 'busy'],
    );
    assert.deepEqual(result.rejected.get('cordoned')?.reasons, ['node(s) were unschedulable']);
  });

  it('spreads replicas of one controller', () => {
    const nodes = [fakeNode('n1'), fakeNode('n2')];
    const pods = [fakePod('r1', { owner: 'rs', nodeName: 'n1' }), fakePod('x', { owner: 'other', nodeName: 'n2' })];
    const result = schedulePod(fakePod('r2', { owner: 'rs' }), new Snapshot(nodes, pods), defaultProfile(), () => 0);
    assert.equal([...result.candidates][0].name, 'n2');
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
    assert.deepEqual([...result.candidates], []);
    assert.equal(result.rejected.get('tainted')?.plugin, 'TaintToleration');
    assert.equal(
      fitErrorMessage(result.numAllNodes, result.rejected.values()),
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, ' +
        '2 Preemption is not helpful for scheduling.',
    );
  });

  it('skips the filters a pod cannot fail, and still applies its node selector', () => {
    const nodes = [fakeNode('a', { labels: { disk: 'ssd' } }), fakeNode('b')];
    const plain = schedulePod(fakePod('p'), new Snapshot(nodes, []), defaultProfile());
    assert.equal([...plain.candidates].length, 2);
    const picky = schedulePod(
      fakePod('q', { spec: { nodeSelector: { disk: 'ssd' } } }),
      new Snapshot(nodes, []),
      defaultProfile(),
    );
    assert.deepEqual(
      [...picky.candidates].map((c) => c.name),
      ['a'],
    );
    assert.equal(picky.rejected.get('b')?.plugin, 'NodeAffinity');
  });

  it('orders equal scores at random', () => {
    const nodes = [fakeNode('n1'), fakeNode('n2')];
    const order = (draw: number) =>
      [...schedulePod(fakePod('p'), new Snapshot(nodes, []), defaultProfile(), () => draw).candidates].map(
        (c) => c.name,
      );
    assert.deepEqual(order(0.9), ['n1', 'n2']);
    assert.deepEqual(order(0.1), ['n2', 'n1']);
  });
});
