import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { ERR_NODE_UNSCHEDULABLE, NodeUnschedulable } from './node-unschedulable.js';

const plugin = new NodeUnschedulable();

describe('NodeUnschedulable', () => {
  it('rejects a cordoned node, as unresolvable', () => {
    const status = plugin.filter(fakePod('p'), nodeInfoOf(fakeNode('n', { unschedulable: true })));
    assert.deepEqual(status, { plugin: 'NodeUnschedulable', reasons: [ERR_NODE_UNSCHEDULABLE], unresolvable: true });
    assert.equal(plugin.filter(fakePod('p'), nodeInfoOf(fakeNode('n'))), undefined);
  });

  it('admits a pod tolerating node.kubernetes.io/unschedulable', () => {
    const pod = fakePod('p', {
      spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
    });
    assert.equal(plugin.filter(pod, nodeInfoOf(fakeNode('n', { unschedulable: true }))), undefined);
  });
});
