import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../testing/fake-node.js';
import { fakePod } from '../testing/fake-pod.js';
import { Snapshot } from './snapshot.js';

describe('Snapshot', () => {
  it('charges bound, non-terminal pods to their nodes', () => {
    const pods = [
      fakePod('a', { cpu: '200m', nodeName: 'n1' }),
      fakePod('done', { cpu: '500m', nodeName: 'n1', phase: 'Succeeded' }),
      fakePod('pending', { cpu: '300m' }),
      fakePod('elsewhere', { cpu: '100m', nodeName: 'gone' }),
    ];
    const snapshot = new Snapshot([fakeNode('n1'), fakeNode('n2')], pods);
    assert.equal(snapshot.get('n1')!.requested.milliCpu, 200);
    assert.equal(snapshot.get('n1')!.podCount, 1);
    assert.equal(snapshot.get('n2')!.podCount, 0);
    assert.equal(snapshot.get('n1')!.allocatable.memory, 1024 ** 3);
    assert.equal(snapshot.get('gone'), undefined);
  });
});
