import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

/** Bytes hashed to recognise a file: its first line, or this many bytes of a longer one. */
const FINGERPRINT_BYTES = 1024;

export interface FileLine {
  /** Offset of the line's first byte. */
  offset: number;
  /** Without the "\n". */
  bytes: Buffer;
}

/**
 * One open log file read line by line from an offset. The file is known by inode plus a
 * fingerprint of its first line: an inode alone is reused after a delete, and the first line
 * of a json-file log carries a nanosecond timestamp, so the pair tells a new file from an old
 * one. `key` names the file in document ids. The handle stays open after a rename or delete,
 * so a rotated or removed file can still be read to its end.
 */
export class OpenLogFile {
  /** Bytes read past the last complete line, held until its "\n" arrives. */
  private held: Buffer[] = [];
  private heldBytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly inode: number,
    readonly fingerprint: string,
    readonly key: string,
    /** Next byte to read from the file. */
    private readOffset: number,
    private readonly maxLineBytes: number,
  ) {}

  /** Opens `path` (following links) at `offset`; undefined until it holds enough to be fingerprinted. */
  static async open(
    path: string,
    name: string,
    offset: number,
    maxLineBytes: number,
  ): Promise<OpenLogFile | undefined> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      const fingerprint = await fingerprintOf(handle);
      if (!fingerprint) {
        await handle.close();
        return undefined;
      }
      const start = offset <= stat.size ? offset : 0;
      const key = `${basename(name)}@${stat.ino}:${fingerprint}`;
      return new OpenLogFile(handle, stat.ino, fingerprint, key, start, maxLineBytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The offset of the first byte not yet returned as part of a complete line. */
  get lineOffset(): number {
    return this.readOffset - this.heldBytes;
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  /**
   * Complete lines from up to `budget` more bytes. A line longer than maxLineBytes is returned
   * in pieces of that size (each then fails to parse and ships as raw text) rather than held forever.
   */
  async readLines(budget: number): Promise<{ lines: FileLine[]; eof: boolean }> {
    const buffer = Buffer.allocUnsafe(Math.min(budget, 256 * 1024));
    const lines: FileLine[] = [];
    let remaining = budget;
    while (remaining > 0) {
      const { bytesRead } = await this.handle.read(buffer, 0, Math.min(buffer.length, remaining), this.readOffset);
      if (bytesRead === 0) return { lines, eof: true };
      remaining -= bytesRead;
      this.split(buffer.subarray(0, bytesRead), lines);
    }
    return { lines, eof: false };
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private split(chunk: Buffer, lines: FileLine[]): void {
    const chunkStart = this.readOffset;
    this.readOffset += chunk.length;
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(10, from);
      if (newline < 0) break;
      const lineStart = chunkStart + from - this.heldBytes;
      const part = chunk.subarray(from, newline);
      lines.push({
        offset: lineStart,
        bytes: this.heldBytes ? Buffer.concat([...this.held, part]) : Buffer.from(part),
      });
      this.held = [];
      this.heldBytes = 0;
      from = newline + 1;
    }
    if (from < chunk.length) {
      this.held.push(Buffer.from(chunk.subarray(from)));
      this.heldBytes += chunk.length - from;
    }
    if (this.heldBytes >= this.maxLineBytes) {
      lines.push({ offset: this.readOffset - this.heldBytes, bytes: Buffer.concat(this.held) });
      this.held = [];
      this.heldBytes = 0;
    }
  }
}

/** sha256 of the first line (or FINGERPRINT_BYTES), or undefined while the file holds less than that. */
export async function fingerprintOf(handle: FileHandle): Promise<string | undefined> {
  const head = Buffer.alloc(FINGERPRINT_BYTES);
  const { bytesRead } = await handle.read(head, 0, FINGERPRINT_BYTES, 0);
  const newline = head.subarray(0, bytesRead).indexOf(10);
  if (newline < 0 && bytesRead < FINGERPRINT_BYTES) return undefined;
  const first = head.subarray(0, newline < 0 ? FINGERPRINT_BYTES : newline + 1);
  return createHash('sha256').update(first).digest('hex').slice(0, 16);
}
