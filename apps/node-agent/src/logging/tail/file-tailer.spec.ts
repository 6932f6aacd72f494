import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { jsonFileLine } from '../parse/json-file-fixture.js';
import type { LogEntry } from '../parse/log-entry.js';
import { FileTailer } from './file-tailer.js';
import type { TailPosition } from './tail-position.js';

/** Real files in a temp dir: a Docker-style log under a "data root" and the kubelet's link to it. */
describe('FileTailer on real files', () => {
  let dir: string;
  let target: string;
  let link: string;
  let lost: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-tailer-'));
    mkdirSync(join(dir, 'docker'));
    mkdirSync(join(dir, 'containers'));
    target = join(dir, 'docker', 'abc-json.log');
    link = join(dir, 'containers', 'web_default_app-abc.log');
    writeFileSync(target, '');
    symlinkSync(target, link);
    lost = [];
  });
  const opened: FileTailer[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tailer = (records: LogEntry[], resume?: TailPosition, multiline = false) => {
    const t = new FileTailer(link, resume, (entries) => records.push(...entries), {
      maxRecordBytes: 1 << 20,
      maxLineBytes: 1 << 20,
      onLostFile: (path) => lost.push(path),
      ...(multiline ? { multiline: { firstLine: /^\S/, flushMs: 60_000, maxBytes: 1 << 20 } } : {}),
    });
    opened.push(t);
    return t;
  };
  const write = (path: string, from: number, to: number) => {
    let text = '';
    for (let i = from; i <= to; i++) text += jsonFileLine(`line ${i}\n`);
    appendFileSync(path, text);
  };
  /** Polls with a small budget (several rounds per file) until a poll reads nothing. */
  const drain = async (t: FileTailer) => {
    for (let idle = 0; idle < 2;) idle = (await t.poll(4096, Date.now())).bytes === 0 ? idle + 1 : 0;
  };
  const numbers = (records: LogEntry[]) => records.map((r) => Number(/line (\d+)/.exec(r.log)?.[1]));
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('reads across a rotation by rename: the old file to its end, then the new one, nothing lost or doubled', async () => {
    const records: LogEntry[] = [];
    const t = tailer(records);
    write(target, 1, 100);
    await t.poll(2048, Date.now()); // part of the file only
    renameSync(target, `${target}.1`);
    write(`${target}.1`, 101, 120); // the writer finishes its last lines into the renamed file
    write(target, 121, 300);
    await drain(t);
    assert.deepEqual(numbers(records), range(1, 300));
    assert.deepEqual(lost, []);
  });

  it('resumes after a restart at the exact byte the position names', async () => {
    const first: LogEntry[] = [];
    const t1 = tailer(first);
    write(target, 1, 50);
    await t1.poll(1500, Date.now());
    const position = t1.position();
    assert.ok(position && position.offset > 0);
    write(target, 51, 80);
    const second: LogEntry[] = [];
    await drain(tailer(second, position));
    assert.deepEqual([...numbers(first), ...numbers(second)], range(1, 80));
  });

  it('after a restart, finishes a file rotated while it was stopped (<log>.1) before the new one', async () => {
    const first: LogEntry[] = [];
    const t1 = tailer(first);
    write(target, 1, 40);
    await t1.poll(1000, Date.now());
    const position = t1.position();
    renameSync(target, `${target}.1`);
    write(`${target}.1`, 41, 60);
    write(target, 61, 90);
    const second: LogEntry[] = [];
    await drain(tailer(second, position));
    assert.deepEqual([...numbers(first), ...numbers(second)], range(1, 90));
    assert.deepEqual(lost, []);
  });

  it('counts a file as lost when the rotated file is gone too, and reads the current one from its start', async () => {
    const first: LogEntry[] = [];
    const t1 = tailer(first);
    write(target, 1, 40);
    await t1.poll(1000, Date.now());
    const position = t1.position();
    rmSync(target);
    write(target, 41, 50);
    const second: LogEntry[] = [];
    await drain(tailer(second, position));
    assert.deepEqual(numbers(second), range(41, 50));
    assert.deepEqual(lost, [link]);
  });

  it('starts again at 0 when the file is truncated in place', async () => {
    const records: LogEntry[] = [];
    const t = tailer(records);
    write(target, 1, 30);
    await drain(t);
    truncateSync(target, 0);
    write(target, 31, 35);
    await drain(t);
    assert.deepEqual(numbers(records), range(1, 35));
  });

  it('joins a partial line and a stack trace split by a rotation; the position stays in the old file until then', async () => {
    const records: LogEntry[] = [];
    const t = tailer(records, undefined, true);
    appendFileSync(target, jsonFileLine('Exception: boom\n') + jsonFileLine('\tat a()\n') + jsonFileLine('long li'));
    await drain(t);
    assert.equal(records.length, 0);
    const held = t.position();
    assert.equal(held?.offset, 0, 'resume at the start of the open stack trace');
    renameSync(target, `${target}.1`);
    appendFileSync(target, jsonFileLine('ne, rejoined\n'));
    await drain(t);
    assert.equal(t.position()?.inode, held?.inode, 'still the old file: the record is not complete');
    appendFileSync(target, jsonFileLine('next\n'));
    await drain(t);
    assert.deepEqual(
      records.map((r) => r.log),
      ['Exception: boom\n\tat a()\n', 'long line, rejoined\n'],
    );
  });
});
