import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateSync } from 'class-validator';
import { IsQuantity } from './is-quantity.js';
import { isQuantity, parseQuantity, QUANTITY_FORMAT_MESSAGE } from './quantity.js';

describe('parseQuantity', () => {
  const cases: [input: string | number, milli: number, canonical: string][] = [
    ['100m', 100, '100m'],
    ['0.5', 500, '500m'],
    ['128Mi', 128 * 2 ** 20 * 1000, '128Mi'],
    ['1G', 1e12, '1G'],
    ['1e3', 1e6, '1e3'],
    ['2Ki', 2048_000, '2Ki'],
    ['1.5Gi', 1.5 * 2 ** 30 * 1000, '1536Mi'],
    ['1000m', 1000, '1'],
    ['1500', 1_500_000, '1500'],
    ['1000', 1_000_000, '1k'],
    ['0.5Ki', 512_000, '512'],
    ['+3', 3000, '3'],
    ['-2', -2000, '-2'],
    ['.5', 500, '500m'],
    ['1n', 0.000001, '1n'],
    [1, 1000, '1'],
    [0.25, 250, '250m'],
    ['0', 0, '0'],
  ];
  for (const [input, milli, canonical] of cases) {
    it(`${JSON.stringify(input)} is ${milli} milli, written ${canonical}`, () => {
      const q = parseQuantity(input);
      if (milli >= 1 || milli <= -1 || milli === 0) assert.equal(q.milliValue(), milli);
      assert.equal(q.toString(), canonical);
    });
  }

  it('rounds values finer than a nano up, and milli/whole values up', () => {
    assert.equal(parseQuantity('1e-12').toString(), '1e-9'); // exponent format is kept
    assert.equal(parseQuantity('1n').milliValue(), 1);
    assert.equal(parseQuantity('100m').value(), 1);
    assert.equal(parseQuantity('2Ki').value(), 2048);
  });

  for (const bad of ['1.5.5', '12XB', '', 'abc', '1Kb', '1e', 'Mi', '--1', '1e999999999', '1 Gi']) {
    it(`rejects ${JSON.stringify(bad)} with the Kubernetes message`, () => {
      assert.throws(() => parseQuantity(bad), { message: QUANTITY_FORMAT_MESSAGE });
      assert.equal(isQuantity(bad), false);
    });
  }

  it('compares and adds exactly', () => {
    assert.equal(parseQuantity('1Gi').cmp(parseQuantity('1G')), 1);
    assert.equal(parseQuantity('500m').cmp(parseQuantity('0.5')), 0);
    assert.equal(parseQuantity('100m').add(parseQuantity('0.9')).toString(), '1');
    assert.equal(JSON.stringify({ cpu: parseQuantity('0.1') }), '{"cpu":"100m"}');
  });
});

describe('@IsQuantity', () => {
  class Holder {
    @IsQuantity() size: unknown;
  }
  const check = (size: unknown) => {
    const h = new Holder();
    h.size = size;
    return validateSync(h);
  };

  it('accepts quantity strings and numbers, rejects the rest with the Kubernetes message', () => {
    assert.equal(check('64Mi').length, 0);
    assert.equal(check(2).length, 0);
    const errors = check('12XB');
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0].constraints, { isQuantity: QUANTITY_FORMAT_MESSAGE });
    assert.equal(check({}).length, 1);
  });
});
