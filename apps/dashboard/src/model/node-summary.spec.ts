import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from './k8s-types.js';
import { summarizeNode } from './node-summary.js';

const node = (ready: 'True' | 'False' | 'Unknown' | undefined, unschedulable = false): Node => ({
  metadata: { name: 'n', uid: 'n' },
  spec: { unschedulable },
  status: { conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
});

describe('summarizeNode', () => {
  it('reads the Ready condition as kubectl does', () => {
    assert.equal(summarizeNode(node('True')).status, 'Ready');
    assert.equal(summarizeNode(node('False')).status, 'NotReady');
    assert.equal(summarizeNode(node('Unknown')).status, 'Unknown');
    assert.equal(summarizeNode(node(undefined)).status, 'Unknown');
  });

  it('marks a cordoned node SchedulingDisabled, as a warning', () => {
    const s = summarizeNode(node('True', true));
    assert.deepEqual([s.status, s.cordoned, s.tone], ['Ready,SchedulingDisabled', true, 'warning']);
  });
});
