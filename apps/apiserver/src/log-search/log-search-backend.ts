import { sinkFor, type SearchSettings } from '#search';
import type { LogSearchBackend } from './log-search.js';

/** The container log indices of the configured engine (every `<logs>-YYYY.MM.DD`), or none without one. */
export function logSearchBackend(settings: SearchSettings | undefined): LogSearchBackend | undefined {
  return settings && { sink: sinkFor(settings), logsIndexPattern: `${settings.naming.logs}-*` };
}
