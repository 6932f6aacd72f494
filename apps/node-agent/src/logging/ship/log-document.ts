import { createHash } from 'node:crypto';
import { dailyIndexName, type BulkItem } from '#search';
import type { LogEntry } from '../parse/log-entry.js';
import { parseAppJson } from '../parse/parse-app-json.js';

export interface LogDocumentOptions {
  /** Daily indices `<prefix>-YYYY.MM.DD` (Fluentd's logstash_format; default prefix "logstash"). */
  indexPrefix: string;
  /** The field an application's JSON line is parsed into. */
  jsonKey: string;
  /** Lines longer than this are not parsed as JSON (the text stays in `log`). */
  jsonMaxBytes: number;
}

/**
 * The bulk item for one record. The `_id` is a hash of the file's identity and the byte offset
 * the record starts at, and the op is `create`: re-sending a chunk after a crash, a partial
 * bulk failure or re-reading after a restart finds the document already there (409), so the
 * index holds each line once.
 */
export function logBulkItem(
  entry: LogEntry,
  kubernetes: Record<string, unknown>,
  containerId: string,
  options: LogDocumentOptions,
): BulkItem {
  const document: Record<string, unknown> = {
    '@timestamp': entry.time,
    stream: entry.stream,
    log: entry.log,
    docker: { container_id: containerId },
    kubernetes,
  };
  const json = entry.parseError ? undefined : parseAppJson(entry.log, entry.bytes, options.jsonMaxBytes);
  if (json) document[options.jsonKey] = json;
  const flags = {
    ...(entry.parseError ? { parse_error: entry.parseError } : {}),
    ...(entry.split ? { split: true } : {}),
  };
  if (Object.keys(flags).length > 0) document['kubenest'] = flags;
  return {
    index: indexOf(entry.time, options.indexPrefix),
    id: documentId(entry.start.fileKey, entry.start.offset),
    op: 'create',
    document,
  };
}

/** Docker writes UTC times (`...Z`), whose first 10 characters are the day: no Date per record. */
function indexOf(time: string, prefix: string): string {
  if (time.length > 10 && time.endsWith('Z') && time[4] === '-' && time[7] === '-') {
    return `${prefix}-${time.slice(0, 4)}.${time.slice(5, 7)}.${time.slice(8, 10)}`;
  }
  return dailyIndexName(prefix, new Date(Date.parse(time)));
}

export function documentId(fileKey: string, offset: number): string {
  return createHash('sha256').update(`${fileKey}:${offset}`).digest('base64url').slice(0, 27);
}
