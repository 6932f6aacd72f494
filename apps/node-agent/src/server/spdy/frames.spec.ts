import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';
import {
  decodeHeaderBlock,
  encodeFrame,
  encodeHeaderBlock,
  FrameParser,
  SpdyProtocolError,
  type Frame,
} from './frames.js';
import { HeaderCompressor, HeaderDecompressor } from './header-compression.js';

const roundTrip = (frame: Frame): Frame[] => new FrameParser().push(encodeFrame(frame));

describe('SPDY/3.1 frames', () => {
  it('encodes a DATA frame as stream id, flags and 24-bit length', () => {
    const bytes = encodeFrame({ type: 'data', streamId: 3, flags: 1, data: Buffer.from('hi') });
    assert.deepEqual([...bytes], [0, 0, 0, 3, 1, 0, 0, 2, 0x68, 0x69]);
  });

  it('encodes a control frame with the control bit, version 3, type, flags and length', () => {
    const bytes = encodeFrame({ type: 'ping', id: 7 });
    assert.deepEqual([...bytes], [0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 7]);
  });

  it('lays out SYN_STREAM as stream id, associated id, priority, slot, then the header block', () => {
    const bytes = encodeFrame({
      type: 'syn_stream',
      streamId: 5,
      associatedStreamId: 1,
      priority: 2,
      flags: 2,
      headerBlock: Buffer.from([0xaa]),
    });
    assert.deepEqual([...bytes], [0x80, 3, 0, 1, 2, 0, 0, 11, 0, 0, 0, 5, 0, 0, 0, 1, 0x40, 0, 0xaa]);
  });

  it('decodes every frame type it encodes', () => {
    const frames: Frame[] = [
      { type: 'data', streamId: 0x7fffffff, flags: 1, data: Buffer.from('payload') },
      { type: 'syn_stream', streamId: 1, associatedStreamId: 0, priority: 7, flags: 1, headerBlock: Buffer.from('h') },
      { type: 'syn_reply', streamId: 1, flags: 0, headerBlock: Buffer.from('r') },
      { type: 'headers', streamId: 3, flags: 1, headerBlock: Buffer.from('x') },
      { type: 'rst_stream', streamId: 9, status: 5 },
      { type: 'settings', flags: 1, entries: [{ flags: 1, id: 7, value: 65536 }] },
      { type: 'ping', id: 0xfffffffe },
      { type: 'goaway', lastGoodStreamId: 11, status: 2 },
      { type: 'window_update', streamId: 1, delta: 1000 },
      { type: 'unknown', controlType: 10, flags: 0, payload: Buffer.from('cred') },
    ];
    for (const frame of frames) assert.deepEqual(roundTrip(frame), [frame]);
  });

  it('reassembles frames split across any chunk boundary and several frames in one chunk', () => {
    const bytes = Buffer.concat([
      encodeFrame({ type: 'ping', id: 1 }),
      encodeFrame({ type: 'data', streamId: 1, flags: 0, data: Buffer.from('abc') }),
      encodeFrame({ type: 'rst_stream', streamId: 1, status: 5 }),
    ]);
    for (let split = 0; split <= bytes.length; split++) {
      const parser = new FrameParser();
      const frames = [...parser.push(bytes.subarray(0, split)), ...parser.push(bytes.subarray(split))];
      assert.deepEqual(
        frames.map((f) => f.type),
        ['ping', 'data', 'rst_stream'],
        `split at ${split}`,
      );
    }
  });

  it('flags a control frame of another SPDY version or too short for its type', () => {
    const v2 = encodeFrame({ type: 'ping', id: 1 });
    v2[1] = 2;
    assert.throws(() => new FrameParser().push(v2), SpdyProtocolError);
    const short = Buffer.from([0x80, 3, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1]); // RST_STREAM needs 8 bytes
    assert.throws(() => new FrameParser().push(short), /needs 8/);
  });

  it('refuses a DATA payload beyond the 24-bit length', () => {
    assert.throws(
      () => encodeFrame({ type: 'data', streamId: 1, flags: 0, data: Buffer.alloc(0x1000000) }),
      RangeError,
    );
  });
});

describe('SPDY header blocks', () => {
  it('encodes count, then length-prefixed lowercase names and NUL-joined values', () => {
    const block = encodeHeaderBlock({ StreamType: 'data', port: ['80', '81'] });
    assert.deepEqual(
      block,
      Buffer.concat([
        Buffer.from([0, 0, 0, 2, 0, 0, 0, 10]),
        Buffer.from('streamtype'),
        Buffer.from([0, 0, 0, 4]),
        Buffer.from('data'),
        Buffer.from([0, 0, 0, 4]),
        Buffer.from('port'),
        Buffer.from([0, 0, 0, 5]),
        Buffer.from('80\x0081'),
      ]),
    );
    assert.deepEqual(
      decodeHeaderBlock(block),
      new Map([
        ['streamtype', ['data']],
        ['port', ['80', '81']],
      ]),
    );
  });

  it('rejects a truncated block', () => {
    const block = encodeHeaderBlock({ port: '3000' });
    assert.throws(() => decodeHeaderBlock(block.subarray(0, block.length - 1)), /truncated/);
  });

  it('is the 1423-byte SPDY/3 dictionary, starting with "options" and ending with "enq=0."', () => {
    assert.equal(SPDY3_DICTIONARY.length, 1423);
    assert.deepEqual([...SPDY3_DICTIONARY.subarray(0, 11)], [0, 0, 0, 7, ...Buffer.from('options')]);
    assert.equal(SPDY3_DICTIONARY.subarray(-6).toString(), 'enq=0.');
  });

  it('compresses successive blocks in one zlib context that a fresh peer context inflates in order', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const blocks = Array.from({ length: 20 }, (_, i) =>
      encodeHeaderBlock({ streamtype: i % 2 ? 'data' : 'error', port: '3000', requestid: String(i) }),
    );
    // Queued without awaiting in between: the contexts must keep the order of the calls.
    const compressed = await Promise.all(blocks.map((b) => compressor.compress(b)));
    // Later blocks reuse the first ones' history, so they shrink.
    assert.ok(compressed[19].length < compressed[0].length);
    // The first block carries the zlib header naming the dictionary (FDICT), so it needs it to inflate.
    assert.throws(() => inflateSync(compressed[0]));
    const inflated = await Promise.all(compressed.map((c) => decompressor.decompress(c)));
    assert.deepEqual(inflated, blocks);
    compressor.close();
    decompressor.close();
  });

  it('fails decompression of bytes that are not the peer stream', async () => {
    const decompressor = new HeaderDecompressor();
    await assert.rejects(decompressor.decompress(Buffer.from('not zlib at all')));
    decompressor.close();
  });
});
