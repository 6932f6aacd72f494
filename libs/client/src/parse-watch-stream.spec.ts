import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WatchEvent } from '#api';
import { parseWatchStream } from './parse-watch-stream.js';

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

function line(type: string, name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type, object: { metadata: { name, resourceVersion: '7' }, ...extra } }) + '\n';
}

describe('parseWatchStream', () => {
  it('yields one event per line whatever the chunk boundaries, even inside a multi-byte character', async () => {
    const body = Buffer.from(line('ADDED', 'a', { data: { greeting: 'grüße 😀' } }) + line('DELETED', 'b'));
    const whole = await collect(parseWatchStream(chunksOf(body)));
    assert.equal(whole.length, 2);
    // Every split point, including those between the bytes of "ü" and of the emoji.
    for (let cut = 1; cut < body.length; cut++) {
      const events = await collect(parseWatchStream(chunksOf(body.subarray(0, cut), body.subarray(cut))));
      assert.deepEqual(events, whole, `split at byte ${cut}`);
    }
    assert.equal((whole[0] as WatchEvent<{ data: { greeting: string } }>).object.data.greeting, 'grüße 😀');
  });

  it('yields events split byte by byte', async () => {
    const body = Buffer.from(line('ADDED', 'x') + line('MODIFIED', 'x'));
    const bytes = [...body].map((b) => Buffer.from([b]));
    const events = await collect(parseWatchStream(chunksOf(...bytes)));
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'MODIFIED'],
    );
  });

  it('joins a huge line spread over many chunks', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const body = Buffer.from(line('ADDED', 'big', { data: { big } }) + line('BOOKMARK', ''));
    const parts: Buffer[] = [];
    for (let at = 0; at < body.length; at += 16 * 1024) parts.push(body.subarray(at, at + 16 * 1024));
    const events = await collect(parseWatchStream<{ data: { big: string } }>(chunksOf(...parts)));
    assert.equal(events.length, 2);
    assert.equal(events[0].object.data.big.length, big.length);
    assert.equal(events[1].type, 'BOOKMARK');
  });

  it('refuses a line longer than the limit instead of buffering it', async () => {
    const parts = Array.from({ length: 10 }, () => 'y'.repeat(1000));
    await assert.rejects(
      collect(parseWatchStream(chunksOf('{"type":"ADDED","object":"', ...parts), 4096)),
      /exceeds 4096 bytes/,
    );
  });

  it('accepts a last event without a trailing newline and skips blank lines', async () => {
    const events = await collect(
      parseWatchStream(chunksOf('\n', line('ADDED', 'a'), '\n', line('ERROR', 'e').trimEnd())),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['ADDED', 'ERROR'],
    );
  });

  it('fails on a line that is not a watch event', async () => {
    await assert.rejects(collect(parseWatchStream(chunksOf('{"type":"ADDED"}\n'))), /malformed watch event/);
    await assert.rejects(collect(parseWatchStream(chunksOf('not json\n'))), /malformed watch event/);
  });
});
