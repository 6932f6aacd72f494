import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BulkItem } from '#search';
import { writeFileDurably } from './write-file-durably.js';

export interface Chunk {
  name: string;
  bytes: number;
}

export interface ChunkContents {
  items: BulkItem[];
  /** Epoch ms of the oldest record in the chunk (lag). */
  oldestMs: number;
  /** Lines that could not be read back (a damaged disk): counted as drops. */
  unreadable: number;
}

const SUFFIX = '.chunk';

/**
 * The shipper's file buffer (Fluentd's buffer @type file): each chunk is one file of
 * newline-delimited BulkItems under the agent's data dir, written to a temporary name, fsynced
 * and renamed, so a chunk on disk is always whole. Chunks are delivered oldest first and removed
 * only once the engine has taken every item. `full()` turns true at `limitBytes`; the tailer
 * then stops reading (the files themselves are the overflow), which keeps memory and disk bounded
 * and loses nothing while the container logs remain. The limit can be passed by one chunk.
 * Several chunks can be in delivery at once: claim() hands out the oldest chunk nobody holds,
 * and a chunk leaves the buffer (and the limit) only when its own delivery removes it, in
 * whatever order the deliveries finish.
 */
export class DiskBuffer {
  private readonly chunks: Chunk[] = [];
  private readonly claimed = new Set<Chunk>();
  private totalBytes = 0;
  private sequence = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly dir: string,
    private readonly limitBytes: number,
  ) {}

  /** Picks up the chunks a previous run left, in order. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).sort();
    for (const name of names) {
      if (name.endsWith('.tmp')) await rm(join(this.dir, name), { force: true });
      if (!name.endsWith(SUFFIX)) continue;
      const bytes = (await stat(join(this.dir, name))).size;
      this.chunks.push({ name, bytes });
      this.totalBytes += bytes;
      this.sequence = Math.max(this.sequence, Number.parseInt(name, 10) || 0);
    }
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get count(): number {
    return this.chunks.length;
  }

  full(): boolean {
    return this.totalBytes >= this.limitBytes;
  }

  async write(items: BulkItem[], oldestMs: number): Promise<void> {
    const name = `${String(++this.sequence).padStart(16, '0')}${SUFFIX}`;
    const header = JSON.stringify({ records: items.length, oldestMs });
    const body = `${header}\n${items.map((item) => JSON.stringify(item)).join('\n')}\n`;
    await writeFileDurably(join(this.dir, name), body);
    const bytes = Buffer.byteLength(body);
    this.chunks.push({ name, bytes });
    this.totalBytes += bytes;
    for (const wake of this.waiters.splice(0)) wake();
  }

  oldest(): Chunk | undefined {
    return this.chunks[0];
  }

  /** The oldest chunk no delivery holds, now held by the caller until remove() or release(). */
  claim(): Chunk | undefined {
    const chunk = this.chunks.find((c) => !this.claimed.has(c));
    if (chunk) this.claimed.add(chunk);
    return chunk;
  }

  /** Resolves when a chunk is there to claim (or at once if one is). */
  whenClaimable(): Promise<void> {
    return this.chunks.length > this.claimed.size
      ? Promise.resolve()
      : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Gives a claimed chunk back (its delivery failed), to be claimed again. */
  release(chunk: Chunk): void {
    if (this.claimed.delete(chunk)) for (const wake of this.waiters.splice(0)) wake();
  }

  async read(chunk: Chunk): Promise<ChunkContents> {
    const lines = (await readFile(join(this.dir, chunk.name), 'utf8')).split('\n').filter(Boolean);
    const contents: ChunkContents = { items: [], oldestMs: Date.now(), unreadable: 0 };
    lines.forEach((line, index) => {
      try {
        const value = JSON.parse(line) as BulkItem & { oldestMs?: number };
        if (index === 0) contents.oldestMs = value.oldestMs ?? contents.oldestMs;
        else contents.items.push(value);
      } catch {
        if (index > 0) contents.unreadable++;
      }
    });
    return contents;
  }

  async remove(chunk: Chunk): Promise<void> {
    await rm(join(this.dir, chunk.name), { force: true });
    const index = this.chunks.indexOf(chunk);
    if (index < 0) return;
    this.chunks.splice(index, 1);
    this.claimed.delete(chunk);
    this.totalBytes -= chunk.bytes;
  }

  /** Wakes whoever waits in whenClaimable(), e.g. at shutdown. */
  wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
