import { useEffect, useRef, useState } from 'preact/hooks';
import { StatusBadge } from '../components/status-badge.js';
import type { Pod } from '../model/k8s-types.js';
import { summarizePod } from '../model/pod-summary.js';
import { useLogs, useWatch } from '../store/hooks.js';
import { LogSearchPanel } from './log-search-panel.js';

const TAIL_CHOICES = [100, 500, 1000, 5000];
/** Lines drawn at once; the buffer keeps more, and "older lines" notes what is not drawn. */
const DRAWN_LINES = 2000;

/** A pod's logs, live: `kubectl logs -f --tail=N [-c container] [--previous]`. */
export function PodLogsView({ namespace, pod: podName }: { namespace: string; pod: string }) {
  const pods = useWatch<Pod>('pods', namespace);
  const pod = pods.items().find((p) => p.metadata.name === podName);
  const containers = pod?.spec.containers.map((c) => c.name) ?? [];
  const [mode, setMode] = useState<'tail' | 'search'>('tail');

  return (
    <section class="panel panel-fill logs" aria-labelledby="logs-title">
      <header class="panel-head">
        <a href="#/pods" class="button">
          ← Pods
        </a>
        <h2 id="logs-title">
          Logs of{' '}
          <span class="mono">
            {namespace}/{podName}
          </span>
        </h2>
        {pod ? <StatusBadge {...statusOf(pod)} /> : pods.synced ? <StatusBadge tone="muted" text="pod gone" /> : null}
        <span class="spacer" />
        <div class="mode-switch" role="group" aria-label="Logs mode">
          <button type="button" aria-pressed={mode === 'tail'} onClick={() => setMode('tail')}>
            Live tail
          </button>
          <button type="button" aria-pressed={mode === 'search'} onClick={() => setMode('search')}>
            Search
          </button>
        </div>
      </header>
      {mode === 'search' ? (
        // Search covers lines of containers since gone too: the shipped logs outlive the pod's.
        <LogSearchPanel
          initial={{ query: '', namespace, pod: podName, sinceSeconds: 86_400 }}
          autoRun
          containers={containers}
        />
      ) : (
        <LiveTail namespace={namespace} pod={podName} containers={containers} podsSynced={pods.synced} />
      )}
    </section>
  );
}

function LiveTail(props: { namespace: string; pod: string; containers: string[]; podsSynced: boolean }) {
  const { namespace, pod: podName, containers } = props;
  const [container, setContainer] = useState<string | undefined>(undefined);
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [tailLines, setTailLines] = useState(500);
  const chosen = container ?? containers[0];
  return (
    <>
      <div class="log-controls">
        <label>
          Container{' '}
          <select
            value={chosen}
            onChange={(e) => setContainer((e.target as HTMLSelectElement).value)}
            disabled={containers.length < 2}
          >
            {containers.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Last{' '}
          <select value={tailLines} onChange={(e) => setTailLines(Number((e.target as HTMLSelectElement).value))}>
            {TAIL_CHOICES.map((n) => (
              <option value={n}>{n} lines</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} />
          Follow
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={previous}
            onChange={(e) => setPrevious((e.target as HTMLInputElement).checked)}
          />
          Previous container
        </label>
      </div>
      {chosen ? (
        <LogLines
          namespace={namespace}
          pod={podName}
          container={chosen}
          previous={previous}
          follow={follow}
          tailLines={tailLines}
        />
      ) : (
        <p class="loading">{props.podsSynced ? 'The pod does not exist (any more).' : 'Loading…'}</p>
      )}
    </>
  );
}

function statusOf(pod: Pod) {
  const s = summarizePod(pod);
  return { tone: s.tone, text: `${s.status} ${s.ready}/${s.total}` };
}

function LogLines(props: {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  follow: boolean;
  tailLines: number;
}) {
  const buffer = useLogs(props);
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  const lines = buffer.lines.slice(-DRAWN_LINES);

  // Keep the newest line in view while following, unless the reader scrolled up.
  useEffect(() => {
    const element = box.current;
    if (element && props.follow && pinned.current) element.scrollTop = element.scrollHeight;
  }, [buffer.version, props.follow]);

  return (
    <>
      <div class="log-status" role="status">
        {buffer.failure ? (
          <span class="error-text">Cannot read logs: {buffer.failure.message}</span>
        ) : buffer.ended ? (
          <span>Stream ended: {buffer.ended}</span>
        ) : props.follow ? (
          <span>Following…</span>
        ) : null}
        <span class="panel-note">
          {buffer.lines.length} lines{buffer.lines.length > lines.length ? ` (showing the last ${lines.length})` : ''}
        </span>
      </div>
      <pre
        class="log-lines"
        ref={box}
        tabIndex={0}
        aria-label="Log lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {lines.length === 0 && !buffer.failure ? <span class="log-empty">No log lines yet.</span> : null}
        {lines.map((l) => (
          <div class={`log-line log-${l.stream}`}>
            <span class="log-time">{l.timestamp.slice(11, 23)}</span> {l.line}
          </div>
        ))}
      </pre>
    </>
  );
}
