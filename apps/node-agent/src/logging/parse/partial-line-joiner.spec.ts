import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from './log-entry.js';
import { PartialLineJoiner } from './partial-line-joiner.js';

const entry = (log: string, stream: string, offset: number): LogEntry => ({
  time: `t${offset}`,
  stream,
  log,
  bytes: Buffer.byteLength(log),
  partial: !log.endsWith('\n'),
  start: { fileKey: 'f', offset },
});

describe('PartialLineJoiner', () => {
  it('joins Docker partial entries per stream, keeping the first part time and position', () => {
    const joiner = new PartialLineJoiner(1 << 20);
    assert.deepEqual(joiner.push(entry('aaa', 'stdout', 0)), []);
    const err = joiner.push(entry('interleaved\n', 'stderr', 10));
    assert.deepEqual(
      err.map((e) => e.log),
      ['interleaved\n'],
    );
    assert.deepEqual(joiner.pendingStarts(), [{ fileKey: 'f', offset: 0 }]);
    assert.deepEqual(joiner.push(entry('bbb', 'stdout', 20)), []);
    const [joined] = joiner.push(entry('ccc\n', 'stdout', 30));
    assert.equal(joined.log, 'aaabbbccc\n');
    assert.equal(joined.bytes, 10);
    assert.equal(joined.time, 't0');
    assert.deepEqual(joined.start, { fileKey: 'f', offset: 0 });
    assert.deepEqual(joiner.pendingStarts(), []);
  });

  it('ships an endless line in flagged pieces at the cap, losing no byte', () => {
    const joiner = new PartialLineJoiner(10);
    const out = [
      ...joiner.push(entry('123456', 'stdout', 0)),
      ...joiner.push(entry('789012', 'stdout', 1)),
      ...joiner.push(entry('345', 'stdout', 2)),
      ...joiner.push(entry('6\n', 'stdout', 3)),
      ...joiner.push(entry('next\n', 'stdout', 4)),
    ];
    assert.deepEqual(
      out.map((e) => [e.log, e.split ?? false]),
      [
        ['123456789012', true],
        ['3456\n', true],
        ['next\n', false],
      ],
    );
  });

  it('flush() ships what is held when the file ends for good', () => {
    const joiner = new PartialLineJoiner(100);
    joiner.push(entry('tail without newline', 'stdout', 0));
    assert.deepEqual(
      joiner.flush().map((e) => e.log),
      ['tail without newline'],
    );
    assert.deepEqual(joiner.flush(), []);
  });
});
