import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeTaint, toleratesTaint } from './toleration.js';

const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it('Equal (the default) needs key and value', () => {
    assert.equal(toleratesTaint({ key: 'dedicated', value: 'gpu' }, taint), true);
    assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'cpu' }, taint), false);
    assert.equal(toleratesTaint({ key: 'other', value: 'gpu' }, taint), false);
  });

  it('Exists ignores the value; an empty key with Exists tolerates every taint', () => {
    assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint), true);
    assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true);
    assert.equal(toleratesTaint({ operator: 'Exists' }, { key: 'x', effect: 'NoExecute' }), true);
  });

  it('an effect must match unless the toleration leaves it empty', () => {
    assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint), false);
    assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint), true);
  });

  it('describes a taint as kube-scheduler does', () => {
    assert.equal(describeTaint(taint), '{dedicated: gpu}');
    assert.equal(
      describeTaint({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
      '{node.kubernetes.io/unreachable: }',
    );
  });
});
