import { useEffect, useMemo, useState } from 'preact/hooks';
import { forgetToken, loadToken, saveToken } from './auth/token-storage.js';
import { ConfirmDialog, type PendingAction } from './components/confirm-dialog.js';
import { ConnectionIndicator } from './components/connection-indicator.js';
import { LoginForm } from './components/login-form.js';
import { NamespaceSelect } from './components/namespace-select.js';
import { parseRoute, searchHash, type Route } from './route.js';
import { ActionsContext } from './store/actions-context.js';
import { SessionContext, useConnectionState, useSession } from './store/hooks.js';
import { Session } from './store/session.js';
import { EventsView } from './views/events-view.js';
import { NodesView } from './views/nodes-view.js';
import { OverviewView } from './views/overview-view.js';
import { PodLogsView } from './views/pod-logs-view.js';
import { PodsView } from './views/pods-view.js';
import { SearchView } from './views/search-view.js';
import { ServicesView } from './views/services-view.js';
import { WorkloadsView } from './views/workloads-view.js';

const NAMESPACE_KEY = 'kubenest.namespace';

export function App() {
  const [token, setToken] = useState(loadToken());
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const signOut = (reason?: string) => {
    forgetToken();
    setRefusal(reason);
    setToken(undefined);
  };
  const session = useMemo(() => (token ? new Session(token, (reason) => signOut(reason)) : undefined), [token]);
  useEffect(() => () => session?.close(), [session]);
  // A refused handshake (bad or revoked token) ends the session cleanly: back to the login form.
  useEffect(
    () =>
      session?.client.onChange(() => {
        if (session.client.state === 'unauthorized')
          signOut(`The gateway refused the token: ${session.client.refusal}`);
      }),
    [session],
  );

  if (!session)
    return (
      <LoginForm
        error={refusal}
        onLogin={(t) => {
          saveToken(t);
          setRefusal(undefined);
          setToken(t);
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <Shell onSignOut={() => signOut()} />
    </SessionContext.Provider>
  );
}

const NAV: { view: Route['view']; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'nodes', label: 'Nodes' },
  { view: 'workloads', label: 'Workloads' },
  { view: 'pods', label: 'Pods' },
  { view: 'services', label: 'Services' },
  { view: 'events', label: 'Events' },
  { view: 'search', label: 'Log search' },
];

function Shell({ onSignOut }: { onSignOut(): void }) {
  const [route, setRoute] = useState(parseRoute(location.hash));
  const [namespace, setNamespace] = useState(localStorage.getItem(NAMESPACE_KEY) ?? 'default');
  const [action, setAction] = useState<PendingAction | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const state = useConnectionState();
  useSession();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const chooseNamespace = (ns: string) => {
    localStorage.setItem(NAMESPACE_KEY, ns);
    setNamespace(ns);
  };
  const current = route.view === 'logs' ? 'pods' : route.view;
  const [searchText, setSearchText] = useState('');

  return (
    <ActionsContext.Provider value={setAction}>
      <div class="shell">
        <header class="topbar">
          <span class="brand">kubenest</span>
          <NamespaceSelect value={namespace} onChange={chooseNamespace} />
          <span class="spacer" />
          <form
            class="topbar-search"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              location.hash = searchHash(searchText);
            }}
          >
            <input
              type="search"
              aria-label="Search logs"
              placeholder="Search logs (Lucene)…"
              value={searchText}
              onInput={(e) => setSearchText((e.target as HTMLInputElement).value)}
              spellcheck={false}
            />
          </form>
          <ConnectionIndicator state={state} />
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <nav class="sidebar" aria-label="Views">
          <ul>
            {NAV.map((item) => (
              <li>
                <a
                  href={item.view === 'search' ? searchHash('') : `#/${item.view}`}
                  aria-current={current === item.view ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="content" id="content">
          {route.view === 'overview' ? <OverviewView namespace={namespace} /> : null}
          {route.view === 'nodes' ? <NodesView /> : null}
          {route.view === 'workloads' ? <WorkloadsView namespace={namespace} /> : null}
          {route.view === 'pods' ? <PodsView namespace={namespace} /> : null}
          {route.view === 'services' ? <ServicesView namespace={namespace} /> : null}
          {route.view === 'events' ? <EventsView namespace={namespace} /> : null}
          {route.view === 'search' ? <SearchView key={route.query} query={route.query} /> : null}
          {route.view === 'logs' ? <PodLogsView namespace={route.namespace} pod={route.pod} /> : null}
        </main>
        <div class="notice" role="status" aria-live="polite">
          {notice}
        </div>
      </div>
      {action ? (
        <ConfirmDialog
          action={action}
          onDone={(message) => {
            setAction(undefined);
            if (message) setNotice(message);
          }}
        />
      ) : null}
    </ActionsContext.Provider>
  );
}
