import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from './log-entry.js';
import { MultilineJoiner } from './multiline-joiner.js';

const entry = (log: string, offset: number, extra: Partial<LogEntry> = {}): LogEntry => ({
  time: `t${offset}`,
  stream: 'stdout',
  log,
  bytes: Buffer.byteLength(log),
  partial: false,
  start: { fileKey: 'f', offset },
  ...extra,
});

describe('MultilineJoiner', () => {
  const rule = { firstLine: /^\S/, flushMs: 1000, maxBytes: 1 << 20 };

  it('joins a stack trace into one record, emitted when the next first line arrives', () => {
    const joiner = new MultilineJoiner(rule);
    const out = [
      ...joiner.push(entry('Exception in thread "main" java.lang.IllegalStateException: boom\n', 0), 0),
      ...joiner.push(entry('\tat App.run(App.java:10)\n', 1), 0),
      ...joiner.push(entry('\tat App.main(App.java:3)\n', 2), 0),
    ];
    assert.deepEqual(out, []);
    assert.deepEqual(joiner.pendingStarts(), [{ fileKey: 'f', offset: 0 }]);
    const [trace] = joiner.push(entry('next line\n', 3), 0);
    assert.equal(
      trace.log,
      'Exception in thread "main" java.lang.IllegalStateException: boom\n\tat App.run(App.java:10)\n\tat App.main(App.java:3)\n',
    );
    assert.equal(trace.time, 't0');
    assert.deepEqual(joiner.pendingStarts(), [{ fileKey: 'f', offset: 3 }]);
  });

  it('emits an open record once the flush timeout passes without a continuation', () => {
    const joiner = new MultilineJoiner(rule);
    joiner.push(entry('last words\n', 0), 100);
    assert.deepEqual(joiner.flushDue(1099), []);
    assert.deepEqual(
      joiner.flushDue(1100).map((e) => e.log),
      ['last words\n'],
    );
  });

  it('closes a record at the size cap and passes broken lines through on their own', () => {
    const joiner = new MultilineJoiner({ ...rule, maxBytes: 12 });
    joiner.push(entry('first\n', 0), 0);
    const out = [
      ...joiner.push(entry(' cont\n', 1), 0),
      ...joiner.push(entry(' more\n', 2), 0),
      ...joiner.push(entry('{broken\n', 3, { parseError: 'not JSON' }), 0),
    ];
    assert.deepEqual(
      out.map((e) => e.log),
      ['first\n cont\n', '{broken\n'],
    );
    assert.deepEqual(
      joiner.flush().map((e) => e.log),
      [' more\n'],
    );
  });
});
