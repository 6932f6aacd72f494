/**
 * An application's JSON log line as an object, for its own field in the document (Fluentd's
 * parser filter with reserve_data), or undefined when the line is not a JSON object or is
 * larger than `maxBytes` (a huge parsed object would explode the index mapping; the text stays
 * in `log` either way).
 */
export function parseAppJson(log: string, bytes: number, maxBytes: number): Record<string, unknown> | undefined {
  if (bytes > maxBytes) return undefined;
  const text = log.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
