import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { rfc3339Nano } from './rfc3339-nano.js';

type StreamName = 'stdout' | 'stderr';

/**
 * Writes a process's output in Docker's json-file format, one JSON object per line:
 * {"log":"text\n","stream":"stdout","time":"2024-01-02T03:04:05.678901234Z"}, so that the
 * log shipper and `logs` read process-runtime containers exactly like Docker ones.
 * Output is split at newlines; a last line without one is written as Docker does, without "\n".
 */
export class JsonFileLogWriter {
  private readonly file: WriteStream;
  private open = 0;

  constructor(path: string) {
    this.file = createWriteStream(path, { flags: 'a' });
  }

  /** Copies `source` into the log; resolves when it has ended and been written. */
  attach(source: Readable, stream: StreamName): Promise<void> {
    this.open++;
    let pending = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      pending += chunk;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        this.write(pending.slice(0, newline + 1), stream);
        pending = pending.slice(newline + 1);
      }
    });
    return new Promise((resolve) => {
      source.once('close', () => {
        if (pending) this.write(pending, stream);
        if (--this.open === 0) this.file.end(resolve);
        else resolve();
      });
    });
  }

  private write(log: string, stream: StreamName): void {
    this.file.write(`${JSON.stringify({ log, stream, time: rfc3339Nano() })}\n`);
  }
}
