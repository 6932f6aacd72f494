/**
 * SPDY/3.1 framing (SPDY/3 draft section 2.2, plus 3.1's WINDOW_UPDATE), without header
 * compression: header blocks travel here already compressed (see header-compression.ts),
 * because zlib's context spans the whole connection and belongs to the session.
 */

export const SPDY_VERSION = 3;
/** Largest DATA payload: the length field is 24 bits. */
export const MAX_DATA_LENGTH = 0xffffff;
export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;

export enum ControlType {
  SynStream = 1,
  SynReply = 2,
  RstStream = 3,
  Settings = 4,
  Ping = 6,
  GoAway = 7,
  Headers = 8,
  WindowUpdate = 9,
}

export enum RstStatus {
  ProtocolError = 1,
  InvalidStream = 2,
  RefusedStream = 3,
  UnsupportedVersion = 4,
  Cancel = 5,
  InternalError = 6,
  FlowControlError = 7,
  StreamInUse = 8,
  StreamAlreadyClosed = 9,
}

export type Frame =
  | { type: 'data'; streamId: number; flags: number; data: Buffer }
  | {
      type: 'syn_stream';
      streamId: number;
      associatedStreamId: number;
      priority: number;
      flags: number;
      headerBlock: Buffer;
    }
  | { type: 'syn_reply'; streamId: number; flags: number; headerBlock: Buffer }
  | { type: 'headers'; streamId: number; flags: number; headerBlock: Buffer }
  | { type: 'rst_stream'; streamId: number; status: number }
  | { type: 'settings'; flags: number; entries: { flags: number; id: number; value: number }[] }
  | { type: 'ping'; id: number }
  | { type: 'goaway'; lastGoodStreamId: number; status: number }
  | { type: 'window_update'; streamId: number; delta: number }
  /** A control frame of a type SPDY/3.1 does not define: receivers must ignore it. */
  | { type: 'unknown'; controlType: number; flags: number; payload: Buffer };

export class SpdyProtocolError extends Error {}

const STREAM_ID_MASK = 0x7fffffff;

export function encodeFrame(frame: Frame): Buffer {
  switch (frame.type) {
    case 'data': {
      if (frame.data.length > MAX_DATA_LENGTH) throw new RangeError('DATA payload exceeds 24-bit length');
      const head = Buffer.alloc(8);
      head.writeUInt32BE(frame.streamId & STREAM_ID_MASK, 0);
      head.writeUInt32BE((((frame.flags & 0xff) << 24) | frame.data.length) >>> 0, 4);
      return Buffer.concat([head, frame.data]);
    }
    case 'syn_stream': {
      const body = Buffer.alloc(10);
      body.writeUInt32BE(frame.streamId & STREAM_ID_MASK, 0);
      body.writeUInt32BE(frame.associatedStreamId & STREAM_ID_MASK, 4);
      body[8] = (frame.priority & 0x7) << 5; // byte 9, the credential slot, stays 0
      return control(ControlType.SynStream, frame.flags, Buffer.concat([body, frame.headerBlock]));
    }
    case 'syn_reply':
    case 'headers':
      return control(
        frame.type === 'syn_reply' ? ControlType.SynReply : ControlType.Headers,
        frame.flags,
        Buffer.concat([uint32(frame.streamId & STREAM_ID_MASK), frame.headerBlock]),
      );
    case 'rst_stream':
      return control(
        ControlType.RstStream,
        0,
        Buffer.concat([uint32(frame.streamId & STREAM_ID_MASK), uint32(frame.status)]),
      );
    case 'settings': {
      const body = Buffer.alloc(4 + 8 * frame.entries.length);
      body.writeUInt32BE(frame.entries.length, 0);
      frame.entries.forEach((entry, i) => {
        body.writeUInt32BE((((entry.flags & 0xff) << 24) | (entry.id & 0xffffff)) >>> 0, 4 + 8 * i);
        body.writeUInt32BE(entry.value, 8 + 8 * i);
      });
      return control(ControlType.Settings, frame.flags, body);
    }
    case 'ping':
      return control(ControlType.Ping, 0, uint32(frame.id));
    case 'goaway':
      return control(
        ControlType.GoAway,
        0,
        Buffer.concat([uint32(frame.lastGoodStreamId & STREAM_ID_MASK), uint32(frame.status)]),
      );
    case 'window_update':
      return control(
        ControlType.WindowUpdate,
        0,
        Buffer.concat([uint32(frame.streamId & STREAM_ID_MASK), uint32(frame.delta & STREAM_ID_MASK)]),
      );
    case 'unknown':
      return control(frame.controlType, frame.flags, frame.payload);
  }
}

/**
 * Splits a byte stream into frames: push() what arrives, in any slicing, and get back every
 * frame completed so far. A frame of a type it does not know is returned as 'unknown'.
 */
export class FrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUInt32BE(4) & 0xffffff;
      if (this.buffered.length < 8 + length) break;
      frames.push(decodeFrame(this.buffered.subarray(0, 8), this.buffered.subarray(8, 8 + length)));
      this.buffered = this.buffered.subarray(8 + length);
    }
    return frames;
  }
}

function decodeFrame(head: Buffer, payload: Buffer): Frame {
  const flags = head[4];
  if ((head[0] & 0x80) === 0) {
    return { type: 'data', streamId: head.readUInt32BE(0) & STREAM_ID_MASK, flags, data: Buffer.from(payload) };
  }
  const version = head.readUInt16BE(0) & 0x7fff;
  if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
  const controlType = head.readUInt16BE(2);
  const need = (bytes: number) => {
    if (payload.length < bytes)
      throw new SpdyProtocolError(`control frame type ${controlType} is ${payload.length} bytes, needs ${bytes}`);
  };
  const streamId = () => payload.readUInt32BE(0) & STREAM_ID_MASK;
  switch (controlType) {
    case ControlType.SynStream:
      need(10);
      return {
        type: 'syn_stream',
        streamId: streamId(),
        associatedStreamId: payload.readUInt32BE(4) & STREAM_ID_MASK,
        priority: payload[8] >> 5,
        flags,
        headerBlock: Buffer.from(payload.subarray(10)),
      };
    case ControlType.SynReply:
    case ControlType.Headers:
      need(4);
      return {
        type: controlType === ControlType.SynReply ? 'syn_reply' : 'headers',
        streamId: streamId(),
        flags,
        headerBlock: Buffer.from(payload.subarray(4)),
      };
    case ControlType.RstStream:
      need(8);
      return { type: 'rst_stream', streamId: streamId(), status: payload.readUInt32BE(4) };
    case ControlType.Settings: {
      need(4);
      const count = payload.readUInt32BE(0);
      need(4 + 8 * count);
      const entries = Array.from({ length: count }, (_, i) => {
        const word = payload.readUInt32BE(4 + 8 * i);
        return { flags: word >>> 24, id: word & 0xffffff, value: payload.readUInt32BE(8 + 8 * i) };
      });
      return { type: 'settings', flags, entries };
    }
    case ControlType.Ping:
      need(4);
      return { type: 'ping', id: payload.readUInt32BE(0) };
    case ControlType.GoAway:
      need(8);
      return { type: 'goaway', lastGoodStreamId: streamId(), status: payload.readUInt32BE(4) };
    case ControlType.WindowUpdate:
      need(8);
      return { type: 'window_update', streamId: streamId(), delta: payload.readUInt32BE(4) & STREAM_ID_MASK };
    default:
      return { type: 'unknown', controlType, flags, payload: Buffer.from(payload) };
  }
}

/**
 * The uncompressed name/value header block: a 32-bit count, then per header a 32-bit
 * length-prefixed name and value. Names are lowercase; several values of one name are
 * joined by NUL (as Go's http.Header becomes, e.g. kubectl's `port` and `requestid`).
 */
export function encodeHeaderBlock(headers: Record<string, string | string[]>): Buffer {
  const parts: Buffer[] = [uint32(Object.keys(headers).length)];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name.toLowerCase(), 'utf8');
    const valueBytes = Buffer.from(Array.isArray(value) ? value.join('\0') : value, 'utf8');
    parts.push(uint32(nameBytes.length), nameBytes, uint32(valueBytes.length), valueBytes);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let offset = 0;
  const read = (): Buffer => {
    if (offset + 4 > block.length) throw new SpdyProtocolError('truncated header block');
    const length = block.readUInt32BE(offset);
    offset += 4;
    if (offset + length > block.length) throw new SpdyProtocolError('truncated header block');
    const bytes = block.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
  if (block.length < 4) throw new SpdyProtocolError('truncated header block');
  const count = block.readUInt32BE(0);
  offset = 4;
  for (let i = 0; i < count; i++) {
    const name = read().toString('utf8').toLowerCase();
    const values = read().toString('utf8').split('\0');
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
  }
  return headers;
}

function control(type: number, flags: number, body: Buffer): Buffer {
  if (body.length > 0xffffff) throw new RangeError('control frame exceeds 24-bit length');
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE((((flags & 0xff) << 24) | body.length) >>> 0, 4);
  return Buffer.concat([head, body]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}
