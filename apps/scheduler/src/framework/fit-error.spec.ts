import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from './fit-error.js';
import { unresolvable, unschedulable } from './unschedulable.js';

describe('fitErrorMessage', () => {
  it('counts reasons over nodes, sorted, with the preemption summary', () => {
    const taint = 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }';
    const message = fitErrorMessage(3, [
      unresolvable('TaintToleration', taint),
      unschedulable('NodeResourcesFit', 'Insufficient cpu'),
      unresolvable('TaintToleration', taint),
    ]);
    assert.equal(
      message,
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, ' +
        '2 Preemption is not helpful for scheduling.',
    );
  });

  it('lists every shortage of a node, and all-unresolvable nodes as not helpful', () => {
    assert.equal(
      fitErrorMessage(2, [
        unschedulable('NodeResourcesFit', 'Too many pods', 'Insufficient cpu'),
        unschedulable('NodeResourcesFit', 'Insufficient cpu'),
      ]),
      '0/2 nodes are available: 1 Too many pods, 2 Insufficient cpu. ' +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    assert.equal(
      fitErrorMessage(
        3,
        [1, 2, 3].map(() => unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector")),
      ),
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('says there are no nodes when the cluster has none', () => {
    assert.equal(fitErrorMessage(0, []), ERR_NO_NODES_AVAILABLE);
  });
});
