import { useEffect, useState } from 'preact/hooks';
import { searchLogs, type LogSearchAnswer } from '../api/log-search.js';
import { ApiRequestError } from '../api/rest-client.js';
import { KIBANA_URL } from '../config.js';
import { kibanaDiscoverUrl } from '../model/kibana-url.js';
import { LOG_SEARCH_PAGE, MAX_LOG_SEARCH_LINES, SINCE_CHOICES, type LogSearchParams } from '../model/log-query.js';
import { useSession } from '../store/hooks.js';

type Outcome =
  | { state: 'idle' }
  | { state: 'searching'; previous?: LogSearchAnswer }
  | { state: 'done'; answer: LogSearchAnswer }
  | { state: 'unavailable'; message: string }
  | { state: 'failed'; message: string };

/**
 * Search of the shipped container logs through the LogQuery API: Lucene syntax as in Kibana's
 * Discover, newest lines first, "Load more" for older ones, and the same search in Kibana.
 * `initial` fills the form; with `autoRun` the search runs at once (a link to it, a pod's logs).
 */
export function LogSearchPanel(props: { initial: LogSearchParams; autoRun?: boolean; containers?: string[] }) {
  const session = useSession();
  const [form, setForm] = useState<LogSearchParams>(props.initial);
  const [submitted, setSubmitted] = useState<LogSearchParams | undefined>(props.autoRun ? props.initial : undefined);
  const [limit, setLimit] = useState(LOG_SEARCH_PAGE);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  useEffect(() => {
    if (!submitted) return;
    let current = true;
    setOutcome((o) => ({ state: 'searching', previous: o.state === 'done' ? o.answer : undefined }));
    searchLogs(session.rest, submitted, limit).then(
      (answer) => current && setOutcome({ state: 'done', answer }),
      (error: unknown) => {
        if (!current) return;
        const message = (error as Error).message;
        // 503: the apiserver has no search engine configured (or it is down).
        if (error instanceof ApiRequestError && error.code === 503) setOutcome({ state: 'unavailable', message });
        else setOutcome({ state: 'failed', message });
      },
    );
    return () => {
      current = false;
    };
  }, [session, submitted, limit]);

  const set = (field: keyof LogSearchParams) => (e: Event) =>
    setForm({ ...form, [field]: (e.target as HTMLInputElement).value });
  const answer =
    outcome.state === 'done' ? outcome.answer : outcome.state === 'searching' ? outcome.previous : undefined;
  const canLoadMore =
    answer !== undefined && answer.entries.length < answer.total && answer.entries.length < MAX_LOG_SEARCH_LINES;

  return (
    <div class="log-search">
      <form
        class="log-search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setLimit(LOG_SEARCH_PAGE);
          setSubmitted({ ...form });
        }}
      >
        <label class="grow">
          Query{' '}
          <input
            type="search"
            value={form.query}
            onInput={set('query')}
            placeholder='Lucene, e.g. stream:"stderr" AND log:*timeout*'
            spellcheck={false}
          />
        </label>
        <label>
          Since{' '}
          <select
            value={String(form.sinceSeconds ?? '')}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setForm({ ...form, sinceSeconds: value ? Number(value) : undefined });
            }}
          >
            {SINCE_CHOICES.map((c) => (
              <option value={String(c.seconds ?? '')}>{c.label}</option>
            ))}
          </select>
        </label>
        <label>
          Namespace <input value={form.namespace ?? ''} onInput={set('namespace')} size={12} spellcheck={false} />
        </label>
        <label>
          Pod <input value={form.pod ?? ''} onInput={set('pod')} size={16} spellcheck={false} />
        </label>
        <label>
          Container{' '}
          {props.containers && props.containers.length > 0 ? (
            <select value={form.container ?? ''} onChange={set('container')}>
              <option value="">any</option>
              {props.containers.map((c) => (
                <option value={c}>{c}</option>
              ))}
            </select>
          ) : (
            <input value={form.container ?? ''} onInput={set('container')} size={10} spellcheck={false} />
          )}
        </label>
        <button type="submit" class="primary">
          Search
        </button>
        <a class="button" href={kibanaDiscoverUrl(KIBANA_URL, form)} target="_blank" rel="noopener noreferrer">
          Open in Kibana ↗
        </a>
      </form>
      <div class="log-status" role="status">
        {outcome.state === 'idle' ? <span>Type a query (or none for every line) and press Search.</span> : null}
        {outcome.state === 'searching' ? <span>Searching…</span> : null}
        {outcome.state === 'unavailable' ? (
          <span class="error-text" data-testid="search-unavailable">
            ! Log search is not available: {outcome.message}
          </span>
        ) : null}
        {outcome.state === 'failed' ? <span class="error-text">✕ Search failed: {outcome.message}</span> : null}
        {answer ? (
          <span class="panel-note" data-testid="search-count">
            {answer.entries.length} of {answer.total} matching lines, newest first
          </span>
        ) : null}
      </div>
      {answer ? (
        <div class="log-lines search-results" tabIndex={0} aria-label="Matching log lines">
          {answer.entries.length === 0 ? <span class="log-empty">No line matches.</span> : null}
          {answer.entries.map((entry) => (
            <div class={`log-line log-${entry.stream ?? 'stdout'}`}>
              <span class="log-time">{entry.timestamp.replace('T', ' ').slice(0, 23)}</span>{' '}
              <span class="log-source">
                {entry.namespace}/{entry.pod}
                {entry.container ? `:${entry.container}` : ''}
              </span>{' '}
              {entry.log}
            </div>
          ))}
          {canLoadMore ? (
            <button
              type="button"
              class="load-more"
              disabled={outcome.state === 'searching'}
              onClick={() => setLimit(Math.min(limit + LOG_SEARCH_PAGE, MAX_LOG_SEARCH_LINES))}
            >
              Load {LOG_SEARCH_PAGE} older lines
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
