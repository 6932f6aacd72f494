import { EventEmitter } from 'node:events';
import { PassThrough, type Duplex } from 'node:stream';
import {
  decodeHeaderBlock,
  encodeFrame,
  encodeHeaderBlock,
  FLAG_FIN,
  FLAG_UNIDIRECTIONAL,
  FrameParser,
  MAX_DATA_LENGTH,
  RstStatus,
  type Frame,
} from './frames.js';
import { HeaderCompressor, HeaderDecompressor } from './header-compression.js';

/**
 * A stream the peer opened. Its data arrives on `incoming` (ended by the peer's FIN); what
 * is sent goes out as DATA frames; 'reset' fires when either side resets it or the
 * connection goes away.
 */
export class SpdyStream extends EventEmitter<{ reset: [] }> {
  readonly incoming = new PassThrough();
  private localClosed: boolean;
  private wasReset = false;

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: Map<string, string[]>,
    unidirectional: boolean,
  ) {
    super();
    this.localClosed = unidirectional;
  }

  /** The first value of a (lowercase) header name. */
  header(name: string): string | undefined {
    return this.headers.get(name)?.[0];
  }

  get isReset(): boolean {
    return this.wasReset;
  }

  /** Sends data; resolves once the connection has taken it (so callers respect backpressure). */
  async send(data: Buffer): Promise<void> {
    if (this.localClosed || this.wasReset) return;
    for (let offset = 0; offset < data.length; offset += MAX_DATA_LENGTH) {
      const chunk = data.subarray(offset, offset + MAX_DATA_LENGTH);
      await this.session.write({ type: 'data', streamId: this.id, flags: 0, data: chunk });
    }
  }

  /** Half-closes: a DATA frame with FIN. */
  async close(): Promise<void> {
    if (this.localClosed || this.wasReset) return;
    this.localClosed = true;
    await this.session.write({ type: 'data', streamId: this.id, flags: FLAG_FIN, data: Buffer.alloc(0) });
    this.session.forgetIfDone(this);
  }

  reset(status = RstStatus.Cancel): void {
    if (this.wasReset) return;
    void this.session.write({ type: 'rst_stream', streamId: this.id, status });
    this.resetLocally();
  }

  /** @internal */
  resetLocally(): void {
    if (this.wasReset) return;
    this.wasReset = true;
    this.incoming.destroy();
    this.session.forgetIfDone(this);
    this.emit('reset');
  }

  /** @internal */
  get done(): boolean {
    return this.wasReset || (this.localClosed && this.incoming.writableEnded);
  }
}

/**
 * The server end of a SPDY/3.1 connection over any byte stream (an upgraded socket, or a
 * WebSocket carrying SPDY as kubectl's port-forward tunnel does). It answers every stream the
 * client opens with an empty SYN_REPLY, as the kubelet's spdystream server does, echoes
 * client PINGs, and does no flow control: spdystream, the only peer, neither sends nor
 * honours WINDOW_UPDATE.
 */
export class SpdySession extends EventEmitter<{ stream: [SpdyStream]; close: [] }> {
  private readonly streams = new Map<number, SpdyStream>();
  private readonly parser = new FrameParser();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private reading: Promise<void> = Promise.resolve();
  private writing: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private closed = false;

  constructor(private readonly transport: Duplex) {
    super();
    transport.on('data', (chunk: Buffer) => {
      let frames: Frame[];
      try {
        frames = this.parser.push(chunk);
      } catch (error) {
        return this.fail(error as Error);
      }
      for (const frame of frames) {
        this.reading = this.reading.then(() => (this.closed ? undefined : this.handle(frame)));
      }
      this.reading = this.reading.catch((error: Error) => this.fail(error));
    });
    transport.on('error', () => this.teardown());
    transport.on('close', () => this.teardown());
    transport.on('end', () => {
      transport.end();
      this.teardown();
    });
  }

  /** Queues a frame; header blocks are compressed here, in send order, as SPDY requires. */
  write(frame: Frame): Promise<void> {
    const next = this.writing.then(async () => {
      if (this.closed || this.transport.destroyed) return;
      let bytes = encodeFrame(frame);
      if (frame.type === 'syn_reply' || frame.type === 'syn_stream' || frame.type === 'headers') {
        bytes = encodeFrame({ ...frame, headerBlock: await this.compressor.compress(frame.headerBlock) });
      }
      if (!this.transport.write(bytes)) await drained(this.transport);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Says GOAWAY and ends the connection. */
  async close(): Promise<void> {
    await this.write({ type: 'goaway', lastGoodStreamId: this.lastStreamId, status: 0 });
    this.transport.end();
    this.teardown();
  }

  /** @internal */
  forgetIfDone(stream: SpdyStream): void {
    if (stream.done) this.streams.delete(stream.id);
  }

  private async handle(frame: Frame): Promise<void> {
    switch (frame.type) {
      case 'syn_stream': {
        // Always inflate, even for a stream refused below: the zlib context spans the connection.
        const headers = decodeHeaderBlock(await this.decompressor.decompress(frame.headerBlock));
        if (frame.streamId % 2 === 0 || frame.streamId <= this.lastStreamId) {
          void this.write({ type: 'rst_stream', streamId: frame.streamId, status: RstStatus.ProtocolError });
          return;
        }
        this.lastStreamId = frame.streamId;
        const stream = new SpdyStream(this, frame.streamId, headers, (frame.flags & FLAG_UNIDIRECTIONAL) !== 0);
        this.streams.set(stream.id, stream);
        // The client waits for this reply before it uses the stream.
        void this.write({ type: 'syn_reply', streamId: stream.id, flags: 0, headerBlock: encodeHeaderBlock({}) });
        if (frame.flags & FLAG_FIN) stream.incoming.end();
        this.emit('stream', stream);
        return;
      }
      case 'syn_reply':
      case 'headers': {
        await this.decompressor.decompress(frame.headerBlock);
        if (frame.flags & FLAG_FIN) this.remoteFinished(frame.streamId);
        return;
      }
      case 'data': {
        const stream = this.streams.get(frame.streamId);
        if (!stream || stream.isReset) return;
        if (frame.data.length && !stream.incoming.writableEnded) stream.incoming.write(frame.data);
        if (frame.flags & FLAG_FIN) this.remoteFinished(frame.streamId);
        return;
      }
      case 'rst_stream':
        this.streams.get(frame.streamId)?.resetLocally();
        return;
      case 'ping':
        // Odd ids are the client's: echo them. Even ones would answer our pings; we send none.
        if (frame.id % 2 === 1) void this.write(frame);
        return;
      case 'goaway':
        // The client sends no new streams after this; the ones open run to their end.
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown control frames carry nothing this server uses.
        return;
    }
  }

  private remoteFinished(streamId: number): void {
    const stream = this.streams.get(streamId);
    if (!stream) return;
    stream.incoming.end();
    this.forgetIfDone(stream);
  }

  private fail(_error: Error): void {
    if (this.closed) return;
    // GOAWAY with PROTOCOL_ERROR (1), then hang up: the connection's state is unknowable now.
    this.transport.end(encodeFrame({ type: 'goaway', lastGoodStreamId: this.lastStreamId, status: 1 }));
    this.teardown();
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.resetLocally();
    this.streams.clear();
    this.compressor.close();
    this.decompressor.close();
    this.emit('close');
  }
}

function drained(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
