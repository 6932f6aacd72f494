import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { BulkItem } from '#search';
import { DiskBuffer } from './disk-buffer.js';

const item = (id: string): BulkItem => ({ index: 'logstash-2026.01.02', id, op: 'create', document: { log: id } });

describe('DiskBuffer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'disk-buffer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps chunks in order across a restart and removes them once delivered', async () => {
    const first = new DiskBuffer(dir, 1 << 20);
    await first.open();
    await first.write([item('a'), item('b')], 1000);
    await first.write([item('c')], 2000);
    writeFileSync(join(dir, '0000000000000003.chunk.tmp'), 'torn'); // a crash mid-write
    const second = new DiskBuffer(dir, 1 << 20);
    await second.open();
    assert.equal(second.count, 2);
    assert.equal(second.bytes, first.bytes);
    assert.ok(!readdirSync(dir).some((name) => name.endsWith('.tmp')), 'half-written chunks are discarded');
    const oldest = second.oldest()!;
    const contents = await second.read(oldest);
    assert.deepEqual(
      contents.items.map((i) => i.id),
      ['a', 'b'],
    );
    assert.equal(contents.oldestMs, 1000);
    await second.remove(oldest);
    assert.deepEqual(
      (await second.read(second.oldest()!)).items.map((i) => i.id),
      ['c'],
    );
    await second.write([item('d')], 3000);
    assert.equal(second.count, 2, 'new chunks are numbered after the ones found');
  });

  it('is full at its byte limit and not before', async () => {
    const buffer = new DiskBuffer(dir, 600);
    await buffer.open();
    await buffer.write([item('x'.repeat(200))], 0);
    assert.equal(buffer.full(), false);
    await buffer.write([item('y'.repeat(400))], 0);
    assert.equal(buffer.full(), true);
    await buffer.remove(buffer.oldest()!);
    await buffer.remove(buffer.oldest()!);
    assert.equal(buffer.full(), false);
    assert.equal(buffer.bytes, 0);
  });

  it('counts lines it cannot read back instead of failing the chunk', async () => {
    const buffer = new DiskBuffer(dir, 1 << 20);
    await buffer.open();
    await buffer.write([item('a')], 5);
    const chunk = buffer.oldest()!;
    writeFileSync(join(dir, chunk.name), `{"records":2,"oldestMs":5}\n${JSON.stringify(item('a'))}\n{garbage\n`);
    const contents = await buffer.read(chunk);
    assert.equal(contents.items.length, 1);
    assert.equal(contents.unreadable, 1);
  });

  it('hands each chunk to one delivery at a time, oldest first, and lets them finish in any order', async () => {
    const buffer = new DiskBuffer(dir, 1 << 20);
    await buffer.open();
    for (const id of ['a', 'b', 'c']) await buffer.write([item(id)], 0);
    const first = buffer.claim()!;
    const second = buffer.claim()!;
    const third = buffer.claim()!;
    assert.deepEqual(
      [first, second, third].map((c) => c.name),
      [...readdirSync(dir)].sort(),
    );
    assert.equal(buffer.claim(), undefined, 'every chunk is held');
    let woken = false;
    const claimable = buffer.whenClaimable().then(() => (woken = true));
    await buffer.remove(third); // the newest finished first
    await buffer.remove(second);
    assert.equal(buffer.count, 1);
    assert.equal(woken, false, 'removing chunks makes none claimable');
    assert.deepEqual(readdirSync(dir), [first.name]);
    buffer.release(first); // its delivery failed: it is handed out again
    await claimable;
    assert.equal(buffer.claim(), first);
    await buffer.remove(first);
    assert.equal(buffer.bytes, 0);
    await buffer.remove(first);
    assert.equal(buffer.bytes, 0, 'a second remove of the same chunk changes nothing');
  });
});
