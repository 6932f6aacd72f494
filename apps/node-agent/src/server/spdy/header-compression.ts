import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';

/**
 * One direction's header compression context. SPDY/3 compresses every header block of a
 * connection with a single zlib stream primed with the SPDY dictionary, each block ending
 * in a sync flush, so blocks must go through in the order their frames are sent or received.
 */
class ZlibContext {
  private queue: Promise<unknown> = Promise.resolve();
  private output: Buffer[] = [];
  private failure: Error | undefined;
  private rejectPending: ((error: Error) => void) | undefined;

  constructor(private readonly stream: Deflate | Inflate) {
    stream.on('data', (chunk: Buffer) => this.output.push(chunk));
    // A corrupt block errors the stream and its flush callback never runs: fail the block here.
    stream.on('error', (error: Error) => {
      this.failure = error;
      this.rejectPending?.(error);
    });
  }

  process(input: Buffer): Promise<Buffer> {
    const run = () =>
      new Promise<Buffer>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        this.rejectPending = reject;
        this.output = [];
        this.stream.write(input);
        // The flush callback runs after the output of everything written so far was pushed.
        this.stream.flush(constants.Z_SYNC_FLUSH, () =>
          this.failure ? reject(this.failure) : resolve(Buffer.concat(this.output)),
        );
      });
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.stream.destroy();
  }
}

export class HeaderCompressor {
  private readonly context = new ZlibContext(createDeflate({ dictionary: SPDY3_DICTIONARY }));
  compress(block: Buffer): Promise<Buffer> {
    return this.context.process(block);
  }
  close(): void {
    this.context.close();
  }
}

export class HeaderDecompressor {
  private readonly context = new ZlibContext(createInflate({ dictionary: SPDY3_DICTIONARY }));
  decompress(block: Buffer): Promise<Buffer> {
    return this.context.process(block);
  }
  close(): void {
    this.context.close();
  }
}
