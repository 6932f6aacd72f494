const PINO_LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
// "123:M 01 Jan 2025 10:00:00.000 * message": pid, role, timestamp, level mark.
const REDIS_LINE = /^\d+:[A-Z] \d{1,2} \w{3} \d{4} [\d:.]+ ([.\-*#]) (.*)$/;
const MAX_LENGTH = 160;

/**
 * The one-line terminal form of a component's log line, or undefined to keep it in the log
 * file only. Pino JSON below info is dropped and shown as "msg: err.message"; Redis loses
 * its pid/timestamp prefix and debug/verbose lines; anything else passes through. Lines are cut at 160 characters.
 */
export function summarizeLogLine(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  const summary = summarizePino(line) ?? summarizeRedis(line) ?? line;
  if (summary === '') return undefined;
  return summary.length > MAX_LENGTH ? `${summary.slice(0, MAX_LENGTH - 1)}…` : summary;
}

function summarizePino(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  let record: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record.level !== 'number') return undefined;
  if (record.level < 30) return '';
  const label = record.level >= 40 ? `${PINO_LEVELS[record.level] ?? 'ERROR'} ` : '';
  const error =
    typeof record.err?.message === 'string' && record.err.message !== record.msg ? `: ${record.err.message}` : '';
  return `${label}${String(record.msg ?? '')}${error}`;
}

function summarizeRedis(line: string): string | undefined {
  const match = REDIS_LINE.exec(line);
  if (!match) return undefined;
  const [, mark, message] = match;
  // '.' debug and '-' verbose are dropped; Redis logs its banner at warning level ('#'), so
  // labelling those WARN would only alarm.
  return mark === '.' || mark === '-' ? '' : message;
}
