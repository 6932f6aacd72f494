import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonFileLine } from './parse-json-file-line.js';

const at = { fileKey: 'f', offset: 7 };
const readAt = '2026-01-01T00:00:00.000Z';

describe('parseJsonFileLine', () => {
  it('reads log, stream and the nanosecond time; a log without "\\n" is a Docker partial', () => {
    const full = parseJsonFileLine(
      Buffer.from('{"log":"hello\\n","stream":"stderr","time":"2026-01-02T03:04:05.123456789Z"}'),
      at,
      readAt,
    );
    assert.deepEqual(full, {
      time: '2026-01-02T03:04:05.123456789Z',
      stream: 'stderr',
      log: 'hello\n',
      bytes: 6,
      partial: false,
      start: at,
    });
    const part = parseJsonFileLine(
      Buffer.from('{"log":"abc","stream":"stdout","time":"2026-01-02T03:04:05Z"}'),
      at,
      readAt,
    );
    assert.equal(part.partial, true);
  });

  it('replaces invalid UTF-8 bytes and lone surrogate escapes with U+FFFD, keeping the rest', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"log":"ok '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' \\ud800 end\\n","stream":"stdout","time":"2026-01-02T03:04:05Z"}'),
    ]);
    const entry = parseJsonFileLine(bytes, at, readAt);
    assert.equal(entry.parseError, undefined);
    assert.equal(entry.log, 'ok \uFFFD\uFFFD \uFFFD end\n');
    assert.equal(entry.bytes, Buffer.byteLength(entry.log));
  });

  it('keeps a broken line as raw text with a parse error instead of dropping it', () => {
    for (const [raw, reason] of [
      ['{"log":"torn wri', /not JSON/],
      ['[1,2]', /not a JSON object/],
      ['{"log":"x","stream":"stdout","time":"yesterday"}', /RFC3339/],
      ['{"stream":"stdout","time":"2026-01-02T03:04:05Z"}', /"log"/],
    ] as const) {
      const entry = parseJsonFileLine(Buffer.from(raw), at, readAt);
      assert.match(entry.parseError ?? '', reason, raw);
      assert.equal(entry.log, `${raw}\n`);
      assert.equal(entry.time, readAt);
      assert.equal(entry.partial, false);
    }
  });
});
