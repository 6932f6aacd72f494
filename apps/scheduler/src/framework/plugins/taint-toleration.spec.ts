import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { TaintToleration } from './taint-toleration.js';

const plugin = new TaintToleration();
const tainted = (effect: string) => nodeInfoOf(fakeNode('n', { taints: [{ key: 'dedicated', value: 'db', effect }] }));

describe('TaintToleration', () => {
  it('rejects NoSchedule and NoExecute taints the pod does not tolerate, naming the taint', () => {
    for (const effect of ['NoSchedule', 'NoExecute']) {
      const status = plugin.filter(fakePod('p'), tainted(effect));
      assert.deepEqual(status?.reasons, ['node(s) had untolerated taint {dedicated: db}']);
      assert.equal(status?.unresolvable, true);
    }
  });

  it('ignores PreferNoSchedule', () => {
    assert.equal(plugin.filter(fakePod('p'), tainted('PreferNoSchedule')), undefined);
  });

  it('admits pods with an Equal, an Exists or a match-all toleration', () => {
    const tolerating = [
      { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Exists' },
      { operator: 'Exists' },
    ];
    for (const t of tolerating) {
      assert.equal(plugin.filter(fakePod('p', { spec: { tolerations: [t] } }), tainted('NoSchedule')), undefined);
    }
    const wrongValue = fakePod('p', { spec: { tolerations: [{ key: 'dedicated', value: 'web' }] } });
    assert.ok(plugin.filter(wrongValue, tainted('NoSchedule')));
  });
});
