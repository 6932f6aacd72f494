import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { NodeReady } from './node-ready.js';

const plugin = new NodeReady();

describe('NodeReady', () => {
  it('passes Ready nodes', () => {
    assert.equal(plugin.filter(fakePod('p'), nodeInfoOf(fakeNode('n'))), undefined);
  });

  it('rejects Ready=False as not-ready and Unknown or missing as unreachable', () => {
    const reason = (ready: 'False' | 'Unknown' | 'missing') =>
      plugin.filter(fakePod('p'), nodeInfoOf(fakeNode('n', { ready })))?.reasons[0];
    assert.equal(reason('False'), 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
    assert.equal(reason('Unknown'), 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }');
    assert.equal(reason('missing'), 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }');
  });

  it('admits pods tolerating the taint the condition stands for', () => {
    const pod = fakePod('p', { spec: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }] } });
    assert.equal(plugin.filter(pod, nodeInfoOf(fakeNode('n', { ready: 'False' }))), undefined);
    assert.ok(plugin.filter(pod, nodeInfoOf(fakeNode('n', { ready: 'Unknown' }))));
  });
});
