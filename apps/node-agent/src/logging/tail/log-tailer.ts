import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LogEntry } from '../parse/log-entry.js';
import { FileTailer, type FileTailerOptions } from './file-tailer.js';
import type { TailPosition } from './tail-position.js';

export interface LogTailerOptions extends FileTailerOptions {
  /** The directory whose *.log files are followed (/var/log/containers). */
  dir: string;
  /** Where each file resumes (from the position file). */
  resume: Record<string, TailPosition>;
  /** Bytes one file may be read per round, so that a busy file does not starve the others. */
  roundBytes: number;
  /** False while the buffer is full: nothing is read, so positions stay where they are. */
  mayRead(): boolean;
  emit(path: string, entries: LogEntry[]): void;
  onRead(lines: number, bytes: number): void;
  logger: Logger;
}

/**
 * Fluentd's in_tail over a directory: a round lists the *.log files (new ones are read from
 * their start, or from the position file), reads each a bounded amount, and finishes followers
 * whose file left the directory (read to the end, held records shipped). Rounds run one at a
 * time; `round()` says whether there is more to read right away.
 */
export class LogTailer {
  private readonly tailers = new Map<string, FileTailer>();

  constructor(private readonly options: LogTailerOptions) {}

  /** Reads one round; resolves true when some file had more than roundBytes waiting. */
  async round(): Promise<boolean> {
    if (!this.options.mayRead()) return false;
    const present = new Set(await this.list());
    for (const path of present) {
      if (!this.tailers.has(path)) {
        const emit = (entries: LogEntry[]) => this.options.emit(path, entries);
        this.tailers.set(path, new FileTailer(path, this.options.resume[path], emit, this.options));
      }
    }
    let more = false;
    const now = Date.now();
    for (const [path, tailer] of this.tailers) {
      if (!this.options.mayRead()) return false;
      try {
        const gone = !present.has(path);
        const result = gone ? await tailer.finish(now) : await tailer.poll(this.options.roundBytes, now);
        if (gone) this.tailers.delete(path);
        this.options.onRead(result.lines, result.bytes);
        if (result.bytes >= this.options.roundBytes) more = true;
      } catch (error) {
        this.options.logger.warn({ err: error, path }, 'reading a container log failed; retrying');
      }
    }
    return more;
  }

  /** The resume point of every followed file, taken synchronously with what was emitted so far. */
  positions(): Record<string, TailPosition> {
    const out: Record<string, TailPosition> = {};
    for (const [path, tailer] of this.tailers) {
      const position = tailer.position();
      if (position) out[path] = position;
    }
    return out;
  }

  async unreadBytes(): Promise<number> {
    let total = 0;
    for (const tailer of this.tailers.values()) total += await tailer.unreadBytes().catch(() => 0);
    return total;
  }

  async close(): Promise<void> {
    // Stopping is not the end of the files: nothing is flushed, the position file says where to go on.
    for (const tailer of this.tailers.values()) await tailer.close();
    this.tailers.clear();
  }

  private async list(): Promise<string[]> {
    const names = await readdir(this.options.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return names.filter((name) => name.endsWith('.log')).map((name) => join(this.options.dir, name));
  }
}
