import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressPool } from './address-pool.js';

describe('AddressPool', () => {
  it('is the upper half of the subnet without its broadcast address', () => {
    const pool = new AddressPool('10.88.0.0/16');
    assert.equal(pool.size, 32767);
    assert.equal(pool.prefixLength, 16);
    assert.equal(pool.addressAt(0), '10.88.128.0');
    assert.equal(pool.addressAt(pool.size - 1), '10.88.255.254');
    assert.equal(pool.contains('10.88.127.255'), false);
    assert.equal(pool.contains('10.88.128.0'), true);
    assert.equal(pool.contains('10.88.255.255'), false);
    assert.equal(pool.contains('.10.88.200.1.tmp'), false);
  });

  it('takes a subnet written with host bits set as its network', () => {
    const pool = new AddressPool('10.213.7.9/24');
    assert.equal(pool.addressAt(0), '10.213.7.128');
    assert.equal(pool.size, 127);
  });

  it('refuses a subnet too small to leave pods room', () => {
    assert.throws(() => new AddressPool('10.0.0.0/30'), /at most \/29/);
  });

  it("gives Docker's MAC for an address", () => {
    assert.equal(AddressPool.macOf('10.88.200.7'), '02:42:0a:58:c8:07');
  });
});
