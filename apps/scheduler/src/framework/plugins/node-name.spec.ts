import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { ERR_NODE_NAME, NodeName } from './node-name.js';

describe('NodeName', () => {
  it('fits only the node the pod names, or any node when it names none', () => {
    const plugin = new NodeName();
    const pod = fakePod('p', { nodeName: 'n1' });
    assert.equal(plugin.filter(pod, nodeInfoOf(fakeNode('n1'))), undefined);
    assert.deepEqual(plugin.filter(pod, nodeInfoOf(fakeNode('n2')))?.reasons, [ERR_NODE_NAME]);
    assert.equal(plugin.filter(fakePod('q'), nodeInfoOf(fakeNode('n2'))), undefined);
  });
});
