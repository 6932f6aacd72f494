export interface LogLine {
  /** RFC 3339 with nanoseconds, as the apiserver's `timestamps=true` prefixes each line. */
  timestamp: string;
  /** The pods/log API merges stdout and stderr into one stream; it cannot tell them apart. */
  stream: 'combined';
  line: string;
}

/** Splits "2024-05-01T10:00:00.123456789Z message" as `kubectl logs --timestamps` prints it. */
export function parseLogLine(text: string): LogLine {
  const space = text.indexOf(' ');
  const stamp = space > 0 ? text.slice(0, space) : '';
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(stamp))
    return { timestamp: stamp, stream: 'combined', line: text.slice(space + 1) };
  return { timestamp: '', stream: 'combined', line: text };
}
