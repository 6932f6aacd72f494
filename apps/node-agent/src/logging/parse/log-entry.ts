/** Where a record's first byte sits: the file (by identity, not path) and the byte offset in it. */
export interface SourcePosition {
  fileKey: string;
  offset: number;
}

/** One json-file entry on its way through the joiners; `log` keeps Docker's trailing "\n". */
export interface LogEntry {
  /** RFC3339 with nanoseconds, as Docker wrote it. */
  time: string;
  stream: string;
  log: string;
  /** UTF-8 length of `log`, kept so the joiners' caps cost nothing per append. */
  bytes: number;
  /** Docker's partial message: the line went on past 16 KiB (the log does not end in "\n"). */
  partial: boolean;
  start: SourcePosition;
  /** Set when the line was not json-file JSON: `log` then holds the raw text. */
  parseError?: string;
  /** Set when a line longer than the record cap was shipped in several records. */
  split?: boolean;
}
