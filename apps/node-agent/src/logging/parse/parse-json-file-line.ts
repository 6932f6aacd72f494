import type { LogEntry, SourcePosition } from './log-entry.js';
import { wellFormedText } from './well-formed-text.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One line of a Docker json-file log, {"log":"...\n","stream":"stdout","time":"..."}, without
 * its newline. Bytes that are not UTF-8 become U+FFFD (Buffer decoding replaces them). A line
 * that is not such an object (a torn write, a file someone else appended to) is kept whole as
 * raw text with `parseError` set, stamped with `readAt`, rather than dropped.
 */
export function parseJsonFileLine(line: Buffer, start: SourcePosition, readAt: string): LogEntry {
  const text = wellFormedText(line.toString('utf8'));
  let problem: string;
  try {
    const value: unknown = JSON.parse(text);
    problem = entryProblem(value);
    if (!problem) {
      const { log, stream, time } = value as { log: string; stream: string; time: string };
      const clean = wellFormedText(log);
      const partial = !clean.endsWith('\n');
      return { time, stream, log: clean, bytes: Buffer.byteLength(clean), partial, start };
    }
  } catch (error) {
    problem = `not JSON: ${(error as Error).message}`;
  }
  const log = `${text}\n`;
  return {
    time: readAt,
    stream: 'unknown',
    log,
    bytes: Buffer.byteLength(log),
    partial: false,
    start,
    parseError: problem,
  };
}

function entryProblem(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const entry = value as Record<string, unknown>;
  if (typeof entry['log'] !== 'string') return 'no string "log" field';
  if (typeof entry['stream'] !== 'string') return 'no string "stream" field';
  if (typeof entry['time'] !== 'string' || !RFC3339.test(entry['time'])) return 'no RFC3339 "time" field';
  return '';
}
