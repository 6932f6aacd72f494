import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { NodeResourcesFit } from './node-resources-fit.js';

const fit = new NodeResourcesFit();

describe('NodeResourcesFit', () => {
  it('fits while allocatable minus bound requests covers the pod', () => {
    const node = nodeInfoOf(fakeNode('n', { cpu: '1' }), [fakePod('a', { cpu: '600m' })]);
    assert.equal(fit.filter(fakePod('p', { cpu: '400m' }), node), undefined);
    assert.deepEqual(fit.filter(fakePod('p', { cpu: '401m' }), node)?.reasons, ['Insufficient cpu']);
  });

  it('reports every shortage, Too many pods first', () => {
    const node = nodeInfoOf(fakeNode('n', { pods: '1', memory: '100Mi' }), [fakePod('a', { cpu: '1' })]);
    const status = fit.filter(fakePod('p', { cpu: '100m', memory: '200Mi' }), node);
    assert.deepEqual(status?.reasons, ['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
    assert.equal(status?.unresolvable, false);
  });

  it('lets a BestEffort pod onto a full node as long as the pod count allows', () => {
    const node = nodeInfoOf(fakeNode('n', { cpu: '1' }), [fakePod('a', { cpu: '1' })]);
    assert.equal(fit.filter(fakePod('p'), node), undefined);
  });

  it('checks extended resources by name', () => {
    const node = nodeInfoOf(fakeNode('n'));
    const pod = fakePod('p', {
      containers: [{ name: 'c', image: 'i', resources: { requests: { 'example.com/gpu': '1' } } }],
    });
    assert.deepEqual(fit.filter(pod, node)?.reasons, ['Insufficient example.com/gpu']);
  });
});
