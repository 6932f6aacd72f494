import type { LogEntry, SourcePosition } from './log-entry.js';

/**
 * Rejoins lines Docker split: the json-file driver writes a line longer than 16 KiB as several
 * entries, all but the last without a trailing "\n". Joining is per stream, since stdout and
 * stderr entries interleave. The joined record keeps the first part's time and position. A line
 * that reaches `maxBytes` is shipped in pieces of about that size, each flagged `split`, so one
 * endless line can neither exhaust memory nor be dropped.
 */
export class PartialLineJoiner {
  private readonly held = new Map<string, LogEntry>();
  /** Streams whose next record continues a line already shipped in part. */
  private readonly continuing = new Set<string>();

  constructor(private readonly maxBytes: number) {}

  push(entry: LogEntry): LogEntry[] {
    const stream = entry.stream;
    const before = this.held.get(stream);
    const joined: LogEntry = before
      ? { ...before, log: before.log + entry.log, bytes: before.bytes + entry.bytes, partial: entry.partial }
      : { ...entry, ...(this.continuing.has(stream) ? { split: true } : {}) };
    if (!joined.partial) {
      this.held.delete(stream);
      this.continuing.delete(stream);
      return [joined];
    }
    if (joined.bytes < this.maxBytes) {
      this.held.set(stream, joined);
      return [];
    }
    this.held.delete(stream);
    this.continuing.add(stream);
    return [{ ...joined, split: true }];
  }

  /** Where the records still being joined begin: the position file must not move past them. */
  pendingStarts(): SourcePosition[] {
    return [...this.held.values()].map((entry) => entry.start);
  }

  /** Ships what is held as it is (the file ended for good: the container is gone). */
  flush(): LogEntry[] {
    const out = [...this.held.values()];
    this.held.clear();
    this.continuing.clear();
    return out;
  }
}
