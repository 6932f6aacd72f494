import { realpath, stat } from 'node:fs/promises';
import type { LogEntry, SourcePosition } from '../parse/log-entry.js';
import { MultilineJoiner, type MultilineRule } from '../parse/multiline-joiner.js';
import { parseJsonFileLine } from '../parse/parse-json-file-line.js';
import { PartialLineJoiner } from '../parse/partial-line-joiner.js';
import { OpenLogFile } from './open-log-file.js';
import type { TailPosition } from './tail-position.js';

export interface FileTailerOptions {
  /** A record (a joined line, a multiline group) is shipped in pieces past this size. */
  maxRecordBytes: number;
  /** A physical line longer than this is read in pieces (json-file lines are at most ~100 KiB). */
  maxLineBytes: number;
  multiline?: MultilineRule;
  /** Counts a file that was rotated away and deleted while nobody read it. */
  onLostFile(path: string): void;
}

/** What one poll did. */
export interface PollResult {
  lines: number;
  bytes: number;
}

/**
 * Follows one /var/log/containers link as Fluentd's in_tail does: reads complete lines from the
 * file the link resolves to, rejoins Docker's partial lines and multiline records, and notices
 * rotation (the path now names another inode: the old file is read to its end, then the new one
 * from its start) and truncation (the file shrank: start again at 0). Joiners live across files,
 * so a record split by a rotation is still joined. `position()` is where a restart must resume so
 * that nothing emitted so far is needed again and nothing not yet emitted is skipped: the start
 * of the oldest record still being joined, else the end of the last complete line.
 */
export class FileTailer {
  private file?: OpenLogFile;
  /** Files read before the current one whose bytes still back a record being joined. */
  private readonly previous = new Map<string, OpenLogFile>();
  private readonly partial: PartialLineJoiner;
  private readonly multiline?: MultilineJoiner;
  private pendingResume?: TailPosition;

  constructor(
    readonly path: string,
    resume: TailPosition | undefined,
    private readonly emit: (entries: LogEntry[]) => void,
    private readonly options: FileTailerOptions,
  ) {
    this.pendingResume = resume;
    this.partial = new PartialLineJoiner(options.maxRecordBytes);
    if (options.multiline) this.multiline = new MultilineJoiner(options.multiline);
  }

  /** Reads up to `budget` bytes of new lines and emits the records they complete. */
  async poll(budget: number, now: number): Promise<PollResult> {
    const result: PollResult = { lines: 0, bytes: 0 };
    if (!this.file) {
      this.file = await this.openFirst();
      if (!this.file) return result;
    }
    while (result.bytes < budget) {
      const file = this.file;
      const before = file.lineOffset;
      const { lines, eof } = await file.readLines(budget - result.bytes);
      this.process(file, lines, now);
      result.lines += lines.length;
      result.bytes += file.lineOffset - before;
      if (!eof) break;
      const next = await this.successor(file);
      if (!next) break;
      this.retire(file);
      this.file = next;
    }
    if (this.multiline) this.deliver(this.multiline.flushDue(now));
    return result;
  }

  /** The link is gone (the pod was removed): read what is left, ship every held record, close. */
  async finish(now: number): Promise<PollResult> {
    const result = await this.poll(Number.MAX_SAFE_INTEGER, now);
    const held = this.partial.flush();
    for (const entry of held) this.deliver(this.multiline ? this.multiline.push(entry, now) : [entry]);
    if (this.multiline) this.deliver(this.multiline.flush());
    await this.close();
    return result;
  }

  /** Closes the files without shipping held records: the position file says where to go on. */
  async close(): Promise<void> {
    await this.file?.close();
    for (const file of this.previous.values()) await file.close();
    this.previous.clear();
    this.file = undefined;
  }

  /** Where to resume after a restart; undefined before the file could be opened. */
  position(): TailPosition | undefined {
    if (!this.file) return this.pendingResume;
    const starts: SourcePosition[] = [...this.partial.pendingStarts(), ...(this.multiline?.pendingStarts() ?? [])];
    // Earlier files come first in `previous` (insertion order): a record held from one of them wins.
    for (const [key, file] of this.previous) {
      const offsets = starts.filter((start) => start.fileKey === key).map((start) => start.offset);
      if (offsets.length > 0) return { inode: file.inode, fingerprint: file.fingerprint, offset: Math.min(...offsets) };
    }
    const offsets = starts.filter((start) => start.fileKey === this.file!.key).map((start) => start.offset);
    return {
      inode: this.file.inode,
      fingerprint: this.file.fingerprint,
      offset: Math.min(this.file.lineOffset, ...offsets),
    };
  }

  /** Bytes in the file not yet read (lag); 0 before it could be opened. */
  async unreadBytes(): Promise<number> {
    if (!this.file) return 0;
    return Math.max(0, (await this.file.size()) - this.file.lineOffset);
  }

  private process(file: OpenLogFile, lines: { offset: number; bytes: Buffer }[], now: number): void {
    if (lines.length === 0) return;
    const readAt = new Date().toISOString();
    for (const line of lines) {
      const entry = parseJsonFileLine(line.bytes, { fileKey: file.key, offset: line.offset }, readAt);
      for (const joined of this.partial.push(entry)) {
        this.deliver(this.multiline ? this.multiline.push(joined, now) : [joined]);
      }
    }
    this.prunePrevious();
  }

  private deliver(entries: LogEntry[]): void {
    if (entries.length > 0) this.emit(entries);
  }

  /**
   * The file to read after `file` reached its end: a new file at the path (rotation), the same
   * file from 0 (truncation), or undefined to keep following this one.
   */
  private async successor(file: OpenLogFile): Promise<OpenLogFile | undefined> {
    const now = await stat(this.path).catch(() => undefined);
    if (!now) return undefined; // mid-rotation, or the link is going away: the tailer decides
    if (now.ino !== file.inode) {
      // Rotated: whatever the writer appended before switching is read by this last pass.
      const { lines } = await file.readLines(Number.MAX_SAFE_INTEGER);
      this.process(file, lines, Date.now());
      return OpenLogFile.open(this.path, this.path, 0, this.options.maxLineBytes);
    }
    if (now.size < file.lineOffset) return OpenLogFile.open(this.path, this.path, 0, this.options.maxLineBytes);
    return undefined;
  }

  private retire(file: OpenLogFile): void {
    this.previous.set(file.key, file);
    this.prunePrevious();
  }

  /** Closes earlier files no held record starts in any more. */
  private prunePrevious(): void {
    if (this.previous.size === 0) return;
    const keys = new Set(
      [...this.partial.pendingStarts(), ...(this.multiline?.pendingStarts() ?? [])].map((start) => start.fileKey),
    );
    for (const [key, file] of this.previous) {
      if (keys.has(key)) continue;
      this.previous.delete(key);
      void file.close();
    }
  }

  /**
   * The file to start with: where the position file says, if the path still names that file;
   * else the rotated-away file (Docker renames <log> to <log>.1) read from there first; else
   * the current file from its start (and the unread rest of the old one is counted as lost).
   */
  private async openFirst(): Promise<OpenLogFile | undefined> {
    const resume = this.pendingResume;
    const current = await OpenLogFile.open(this.path, this.path, 0, this.options.maxLineBytes).catch(() => undefined);
    if (!current) return undefined;
    this.pendingResume = undefined;
    if (!resume) return current;
    if (current.inode === resume.inode) {
      if (current.fingerprint !== resume.fingerprint) return current; // truncated and rewritten in place
      await current.close();
      return OpenLogFile.open(this.path, this.path, resume.offset, this.options.maxLineBytes);
    }
    const rotated = `${await realpath(this.path)}.1`;
    const old = await OpenLogFile.open(rotated, this.path, resume.offset, this.options.maxLineBytes).catch(
      () => undefined,
    );
    if (old && old.inode === resume.inode && old.fingerprint === resume.fingerprint) {
      // Read the rotated file to its end first; successor() then moves on to the current one.
      await current.close();
      return old;
    }
    await old?.close();
    this.options.onLostFile(this.path);
    return current;
  }
}
