import * as ws from 'ws';

/** ws's frame builder, which its types do not declare (socket.io's own adapter calls it the same way). */
const { Sender } = ws as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean },
    ): Buffer[];
  };
};

const TEXT = 1;

/**
 * A UTF-8 payload as one complete, unmasked WebSocket text frame (header and payload in one
 * buffer, so a socket writes it with one write instead of a corked pair), ready to be written
 * as is to any number of server-side sockets.
 */
export function webSocketTextFrame(payload: Buffer): Buffer {
  return Buffer.concat(Sender.frame(payload, { readOnly: false, mask: false, rsv1: false, opcode: TEXT, fin: true }));
}
