import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { NodeResourcesBalancedAllocation } from './node-resources-balanced-allocation.js';

describe('NodeResourcesBalancedAllocation', () => {
  const plugin = new NodeResourcesBalancedAllocation();

  it('scores (1 - |cpu - memory| / 2) * 100 (the worked example)', () => {
    const node = nodeInfoOf(fakeNode('n', { cpu: '1', memory: '1000Mi' }), [
      fakePod('a', { cpu: '500m', memory: '100Mi' }),
    ]);
    assert.equal(plugin.score(fakePod('p', { cpu: '100m', memory: '100Mi' }), node), 80);
  });

  it('prefers the node the pod leaves evenly used', () => {
    const cpuHeavy = nodeInfoOf(fakeNode('n1'), [fakePod('a', { cpu: '800m', memory: '100Mi' })]);
    const even = nodeInfoOf(fakeNode('n2'), [fakePod('b', { cpu: '400m', memory: '400Mi' })]);
    const pod = fakePod('p', { cpu: '100m', memory: '100Mi' });
    assert.ok(plugin.score(pod, even) > plugin.score(pod, cpuHeavy));
  });
});
