import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { NodeResourcesLeastAllocated } from './node-resources-least-allocated.js';

describe('NodeResourcesLeastAllocated', () => {
  const plugin = new NodeResourcesLeastAllocated();

  it('scores the share left free after placing the pod (the worked example)', () => {
    const node = nodeInfoOf(fakeNode('n'), [fakePod('a', { cpu: '500m', memory: '256Mi' })]);
    assert.equal(plugin.score(fakePod('p', { cpu: '100m', memory: '256Mi' }), node), 45);
  });

  it('prefers the emptier node and counts BestEffort pods as 100m/200Mi', () => {
    const empty = nodeInfoOf(fakeNode('n1'));
    const busy = nodeInfoOf(fakeNode('n2'), [fakePod('a'), fakePod('b')]);
    const pod = fakePod('p');
    assert.ok(plugin.score(pod, empty) > plugin.score(pod, busy));
    assert.equal(plugin.score(pod, busy), Math.floor((70 + (1024 - 600) / 10.24) / 2));
  });
});
