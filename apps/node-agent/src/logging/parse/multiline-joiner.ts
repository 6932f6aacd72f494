import type { LogEntry, SourcePosition } from './log-entry.js';

export interface MultilineRule {
  /** A record starts at a line matching this; other lines continue the record before them (stack traces). */
  firstLine: RegExp;
  /** A record that got no continuation for this long is complete. */
  flushMs: number;
  /** A record is closed once it reaches this size, so a runaway trace cannot grow without bound. */
  maxBytes: number;
}

interface Group {
  entry: LogEntry;
  lastAt: number;
}

/**
 * Fluentd-style multiline joining, after partial lines are rejoined: per stream, lines that do
 * not match the first-line pattern are appended to the open record. A record is emitted when the
 * next first line arrives, when it reaches the size cap, or `flushMs` after its last line.
 * Broken lines (parse errors) are never joined: they pass through on their own.
 */
export class MultilineJoiner {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly rule: MultilineRule) {}

  push(entry: LogEntry, now: number): LogEntry[] {
    if (entry.parseError) return [entry];
    const group = this.groups.get(entry.stream);
    if (group && !this.rule.firstLine.test(entry.log) && group.entry.bytes + entry.bytes <= this.rule.maxBytes) {
      group.entry = {
        ...group.entry,
        log: group.entry.log + entry.log,
        bytes: group.entry.bytes + entry.bytes,
        ...(entry.split ? { split: true } : {}),
      };
      group.lastAt = now;
      return [];
    }
    this.groups.set(entry.stream, { entry, lastAt: now });
    return group ? [group.entry] : [];
  }

  /** Records whose flush timeout has passed. */
  flushDue(now: number): LogEntry[] {
    const out: LogEntry[] = [];
    for (const [stream, group] of this.groups) {
      if (now - group.lastAt < this.rule.flushMs) continue;
      this.groups.delete(stream);
      out.push(group.entry);
    }
    return out;
  }

  pendingStarts(): SourcePosition[] {
    return [...this.groups.values()].map((group) => group.entry.start);
  }

  flush(): LogEntry[] {
    return this.flushDue(Number.POSITIVE_INFINITY);
  }
}
