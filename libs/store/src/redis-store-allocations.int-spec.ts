import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '#api';
import { useTestStore } from '#testing';
import { AllocationConflictError } from './interfaces/allocation.js';

const POOL = 'test-pool';

function svc(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `uid-${name}` } };
}

describe('RedisStore allocation pools', () => {
  const fixture = useTestStore();

  it('claims with a create, refuses a second claim of the same value, and writes nothing then', async () => {
    await fixture.store.create('services', svc('a'), { allocations: { claim: [{ pool: POOL, offset: 5 }] } });
    assert.deepEqual(await fixture.store.allocationOwner(POOL, 5), {
      resource: 'services',
      namespace: 'default',
      name: 'a',
    });
    await assert.rejects(
      fixture.store.create('services', svc('b'), { allocations: { claim: [{ pool: POOL, offset: 5 }] } }),
      (err: unknown) => err instanceof AllocationConflictError && err.allocation.offset === 5,
    );
    assert.equal(await fixture.store.get('services', 'default', 'b'), undefined);
  });

  it('concurrent creates claiming one value: exactly one wins', async () => {
    const results = await Promise.allSettled(
      ['c1', 'c2', 'c3', 'c4'].map((n) =>
        fixture.store.create('services', svc(n), { allocations: { claim: [{ pool: POOL, offset: 9 }] } }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(
      results.filter((r) => r.status === 'rejected' && r.reason instanceof AllocationConflictError).length,
      3,
    );
  });

  it('moves a value with an update, and releases on delete so the value can be reused', async () => {
    const d = await fixture.store.create('services', svc('d'), {
      allocations: { claim: [{ pool: POOL, offset: 20 }] },
    });
    await fixture.store.update(
      'services',
      { ...d, spec: { x: 1 } },
      { allocations: { claim: [{ pool: POOL, offset: 21 }], release: [{ pool: POOL, offset: 20 }] } },
    );
    assert.equal(await fixture.store.allocationOwner(POOL, 20), undefined);
    assert.equal((await fixture.store.allocationOwner(POOL, 21))?.name, 'd');
    assert.equal(await fixture.store.firstFreeAllocation(POOL, 20, 30), 20);
    await fixture.store.delete('services', 'default', 'd', { release: [{ pool: POOL, offset: 21 }] });
    assert.equal(await fixture.store.allocationOwner(POOL, 21), undefined);
    assert.equal(await fixture.store.firstFreeAllocation(POOL, 21, 21), 21);
  });

  it('finds free offsets inside and past the end of the bitmap, and none in a full range', async () => {
    for (const [i, n] of ['f0', 'f1', 'f2'].entries()) {
      await fixture.store.create('services', svc(n), { allocations: { claim: [{ pool: 'small', offset: i }] } });
    }
    assert.equal(await fixture.store.firstFreeAllocation('small', 0, 2), undefined);
    assert.equal(await fixture.store.firstFreeAllocation('small', 0, 100), 3);
    assert.equal(await fixture.store.firstFreeAllocation('small', 500, 600), 500);
    assert.equal(await fixture.store.firstFreeAllocation('empty', 7, 9), 7);
  });

  it('repairs: claims for a listed object, refuses a value another holds, skips an object changed since', async () => {
    const r = await fixture.store.create('services', svc('r'));
    const owner = { resource: 'services', namespace: 'default', name: 'r' };
    assert.equal(
      await fixture.store.repairAllocation({ pool: POOL, offset: 40 }, owner, 'claim', r.metadata.resourceVersion!),
      'done',
    );
    assert.equal((await fixture.store.allocationOwner(POOL, 40))?.name, 'r');
    assert.deepEqual(
      await fixture.store.repairAllocation({ pool: POOL, offset: 5 }, owner, 'claim', r.metadata.resourceVersion!),
      {
        heldBy: { resource: 'services', namespace: 'default', name: 'a' },
      },
    );
    assert.equal(await fixture.store.repairAllocation({ pool: POOL, offset: 40 }, owner, 'release', '1'), 'changed');
    assert.equal(
      await fixture.store.repairAllocation({ pool: POOL, offset: 40 }, owner, 'release', r.metadata.resourceVersion!),
      'done',
    );
    assert.equal(await fixture.store.allocationOwner(POOL, 40), undefined);
    // A leak whose holder no longer exists is released only when read as absent.
    const gone = { resource: 'services', namespace: 'default', name: 'gone' };
    await fixture.store.repairAllocation({ pool: POOL, offset: 41 }, gone, 'claim', '');
    assert.equal((await fixture.store.allocationOwners(POOL)).get(41)?.name, 'gone');
    await fixture.store.repairAllocation({ pool: POOL, offset: 41 }, gone, 'release', '');
    assert.equal((await fixture.store.allocationOwners(POOL)).has(41), false);
  });
});
