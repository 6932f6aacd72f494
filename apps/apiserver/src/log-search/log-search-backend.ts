import type { SearchPipeline } from '#search';
import type { LogSearchBackend } from './log-search.js';

/** The container log indices of the configured engine (every `<logs>-YYYY.MM.DD`), or none without one. */
export function logSearchBackend(search: SearchPipeline | undefined): LogSearchBackend | undefined {
  return search && { sink: search.sink, logsIndexPattern: `${search.naming.logs}-*` };
}
