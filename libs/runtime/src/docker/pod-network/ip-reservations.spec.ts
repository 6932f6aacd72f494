import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AddressPool } from './address-pool.js';
import { IpReservations } from './ip-reservations.js';

describe('IpReservations', () => {
  const root = mkdtempSync(join(tmpdir(), 'ip-reservations-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const fresh = (subnet = '10.250.0.0/24') => {
    const dir = join(root, String(n++));
    return { dir, pool: new AddressPool(subnet), reservations: new IpReservations(dir, new AddressPool(subnet)) };
  };

  it('hands out distinct addresses of the pool to concurrent reservations, and records the owner', async () => {
    const { dir, pool, reservations } = fresh();
    const ips = await Promise.all(Array.from({ length: 50 }, (_, i) => reservations.reserve(`pod-${i}`)));
    assert.equal(new Set(ips).size, 50);
    assert.ok(ips.every((ip) => pool.contains(ip)));
    assert.equal(readFileSync(join(dir, ips[7]!), 'utf8'), 'pod-7');
  });

  it('never hands out an address another agent (another instance on the same directory) holds', async () => {
    const { dir, pool } = fresh('10.250.1.0/28'); // 7 addresses
    const a = new IpReservations(dir, pool);
    const b = new IpReservations(dir, pool);
    const ips = await Promise.all(Array.from({ length: 7 }, (_, i) => (i % 2 ? a : b).reserve(`pod-${i}`)));
    assert.equal(new Set(ips).size, 7);
    await assert.rejects(a.reserve('one-too-many'), /no free pod address in 10\.250\.1\.0\/28/);
    await a.release(ips[3]!, 'pod-3');
    assert.equal(await b.reserve('late'), ips[3]);
  });

  it("releases only its owner's reservation", async () => {
    const { dir, reservations } = fresh();
    const ip = await reservations.reserve('mine');
    await reservations.release(ip, 'someone-else');
    assert.equal(readFileSync(join(dir, ip), 'utf8'), 'mine');
    await reservations.release(ip, 'mine');
    assert.deepEqual(readdirSync(dir), []);
    await reservations.release(ip, 'mine'); // already free: nothing to do
  });

  it('releases unused reservations past the grace period, and keeps live and young ones', async () => {
    const { dir, reservations } = fresh();
    const [live, leftover, young] = await Promise.all(
      ['live', 'leftover', 'young'].map((o) => reservations.reserve(o)),
    );
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const ip of [live!, leftover!]) utimesSync(join(dir, ip), anHourAgo, anHourAgo);
    writeFileSync(join(dir, 'not-an-address'), 'x');
    const released = await reservations.releaseUnused(new Set([live!]), 60_000);
    assert.deepEqual(released, [leftover]);
    assert.deepEqual(readdirSync(dir).sort(), [live, young, 'not-an-address'].sort());
  });
});
