import { LOG_QUERY_PATH, logQueryBody, type LogSearchEntry, type LogSearchParams } from '../model/log-query.js';
import type { RestClient } from './rest-client.js';

export interface LogSearchAnswer {
  total: number;
  entries: LogSearchEntry[];
}

/** POST a LogQuery (created, not stored, like a TokenReview): the newest `limit` matching lines, newest first. */
export async function searchLogs(rest: RestClient, params: LogSearchParams, limit: number): Promise<LogSearchAnswer> {
  const answer = await rest.post<{ status?: { total?: number; entries?: LogSearchEntry[] } }>(
    LOG_QUERY_PATH,
    logQueryBody(params, limit),
  );
  return { total: answer.status?.total ?? 0, entries: answer.status?.entries ?? [] };
}
