import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatCpu, parseQuantity } from './quantity.js';

describe('quantities', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    assert.equal(parseQuantity('250m'), 0.25);
    assert.equal(parseQuantity('2'), 2);
    assert.equal(parseQuantity('1500000n'), 0.0015);
    assert.equal(parseQuantity('512Mi'), 512 * 2 ** 20);
    assert.equal(parseQuantity('1k'), 1000);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
  });

  it('refuses what is not a quantity', () => {
    assert.equal(parseQuantity('abc'), undefined);
    assert.equal(parseQuantity('12Qi'), undefined);
    assert.equal(parseQuantity(undefined), undefined);
  });

  it('formats cores and bytes for people', () => {
    assert.equal(formatCpu(0.25), '250m');
    assert.equal(formatCpu(1.5), '1.5');
    assert.equal(formatBytes(512 * 2 ** 20), '512Mi');
    assert.equal(formatBytes(1.5 * 2 ** 30), '1.5Gi');
    assert.equal(formatBytes(undefined), '–');
  });
});
