import assert from 'node:assert/strict';
import type { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import * as ws from 'ws';
import { encodeEvent } from './outbound-packet.js';

/** ws's frame parser, as a client runs it on what a server writes (its types do not declare it). */
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => Writable };

/** The WebSocket messages a client reads from these bytes. */
async function readMessages(bytes: Buffer): Promise<{ text: string; isBinary: boolean }[]> {
  const receiver = new Receiver({ isServer: false });
  const messages: { text: string; isBinary: boolean }[] = [];
  receiver.on('message', (data: Buffer, isBinary: boolean) => messages.push({ text: data.toString(), isBinary }));
  await new Promise((parsed) => receiver.write(bytes, parsed));
  return messages;
}

describe('encodeEvent', () => {
  it('is the socket.io EVENT packet socket.emit writes, and one WebSocket text frame holding it as an engine.io message', async () => {
    const payload = { id: 'pods', events: [{ type: 'ADDED', object: { metadata: { name: 'ünïcode' } } }] };
    const packet = encodeEvent('changes', payload);
    assert.equal(packet.data, `2${JSON.stringify(['changes', payload])}`);
    assert.equal(packet.bytes, Buffer.byteLength(packet.data));
    assert.equal(packet.options.compress, false);
    assert.equal(packet.options.wsPreEncodedFrame.length, 1);
    assert.deepEqual(await readMessages(packet.options.wsPreEncodedFrame[0]), [
      { text: `4${packet.data}`, isBinary: false },
    ]);
  });

  it('frames payloads of each WebSocket length encoding (7, 16 and 64 bits)', async () => {
    for (const size of [100, 200, 70_000]) {
      const packet = encodeEvent('log', { lines: ['x'.repeat(size)] });
      assert.deepEqual(await readMessages(packet.options.wsPreEncodedFrame[0]), [
        { text: `4${packet.data}`, isBinary: false },
      ]);
    }
  });
});
