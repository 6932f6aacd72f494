import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { ERR_NODE_AFFINITY, NodeAffinity } from './node-affinity.js';

const plugin = new NodeAffinity();
const node = nodeInfoOf(fakeNode('n1', { labels: { disk: 'ssd', zone: 'a', cores: '8' } }));

function fits(spec: object): boolean {
  return plugin.filter(fakePod('p', { spec }), node) === undefined;
}

function required(...matchExpressions: { key: string; operator: string; values?: string[] }[]): object {
  return {
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } },
    },
  };
}

describe('NodeAffinity', () => {
  it('matches nodeSelector labels', () => {
    assert.equal(fits({ nodeSelector: { disk: 'ssd' } }), true);
    assert.equal(fits({ nodeSelector: { disk: 'hdd' } }), false);
    assert.deepEqual(plugin.filter(fakePod('p', { spec: { nodeSelector: { gpu: 'yes' } } }), node)?.reasons, [
      ERR_NODE_AFFINITY,
    ]);
  });

  it('evaluates In, NotIn, Exists and DoesNotExist', () => {
    assert.equal(fits(required({ key: 'zone', operator: 'In', values: ['a', 'b'] })), true);
    assert.equal(fits(required({ key: 'zone', operator: 'In', values: ['b'] })), false);
    assert.equal(fits(required({ key: 'zone', operator: 'NotIn', values: ['b'] })), true);
    assert.equal(fits(required({ key: 'zone', operator: 'NotIn', values: ['a'] })), false);
    assert.equal(fits(required({ key: 'disk', operator: 'Exists' })), true);
    assert.equal(fits(required({ key: 'gpu', operator: 'Exists' })), false);
    assert.equal(fits(required({ key: 'gpu', operator: 'DoesNotExist' })), true);
    assert.equal(fits(required({ key: 'disk', operator: 'DoesNotExist' })), false);
  });

  it('compares Gt and Lt as integers', () => {
    assert.equal(fits(required({ key: 'cores', operator: 'Gt', values: ['4'] })), true);
    assert.equal(fits(required({ key: 'cores', operator: 'Gt', values: ['8'] })), false);
    assert.equal(fits(required({ key: 'cores', operator: 'Lt', values: ['10'] })), true);
    assert.equal(fits(required({ key: 'zone', operator: 'Lt', values: ['10'] })), false);
  });

  it('ANDs expressions within a term and ORs terms; matchFields selects by name', () => {
    assert.equal(
      fits(required({ key: 'disk', operator: 'Exists' }, { key: 'zone', operator: 'In', values: ['b'] })),
      false,
    );
    const terms = [
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
    ];
    assert.equal(
      fits({
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
      }),
      true,
    );
    assert.equal(
      fits({
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } },
      }),
      false,
    );
  });

  it('needs both the nodeSelector and the affinity', () => {
    assert.equal(fits({ nodeSelector: { disk: 'hdd' }, ...required({ key: 'disk', operator: 'Exists' }) }), false);
  });
});
