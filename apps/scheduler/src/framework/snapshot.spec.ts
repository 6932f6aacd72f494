import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../testing/fake-node.js';
import { fakePod } from '../testing/fake-pod.js';
import { Snapshot } from './snapshot.js';

describe('Snapshot', () => {
  it('charges bound, non-terminal pods and assumed pods to their nodes', () => {
    const pods = [
      fakePod('a', { cpu: '200m', nodeName: 'n1' }),
      fakePod('done', { cpu: '500m', nodeName: 'n1', phase: 'Succeeded' }),
      fakePod('pending', { cpu: '300m' }),
    ];
    const assumed = new Map([[fakePod('b', { cpu: '100m' }), 'n2']]);
    const snapshot = new Snapshot([fakeNode('n1'), fakeNode('n2')], pods, assumed);
    assert.equal(snapshot.get('n1')!.requested['cpu'], 200);
    assert.equal(snapshot.get('n1')!.pods.length, 1);
    assert.equal(snapshot.get('n2')!.requested['cpu'], 100);
    assert.equal(snapshot.get('n1')!.allocatable['memory'], 1024 ** 3);
  });

  it('does not count an assumed pod twice once the informer shows it bound', () => {
    const bound = fakePod('a', { cpu: '200m', nodeName: 'n1' });
    const snapshot = new Snapshot([fakeNode('n1')], [bound], new Map([[fakePod('a', { cpu: '200m' }), 'n1']]));
    assert.equal(snapshot.get('n1')!.requested['cpu'], 200);
  });
});
