import { createContext } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { ResourceName } from '../api/resources.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { KubeObject } from '../model/k8s-types.js';
import { LogBuffer } from './log-buffer.js';
import type { Listeners } from './listeners.js';
import type { MetricsHistory } from './metrics-history.js';
import type { Session } from './session.js';
import type { WatchCache } from './watch-cache.js';

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in session');
  return session;
}

/** Re-renders when `listeners` fire. */
function useListeners(listeners: Listeners | undefined): void {
  const [, setTick] = useState(0);
  useEffect(() => listeners?.add(() => setTick((t) => t + 1)), [listeners]);
}

/** The live objects of a resource; namespace undefined means all namespaces. */
export function useWatch<T extends KubeObject>(resource: ResourceName, namespace: string | undefined): WatchCache<T> {
  const session = useSession();
  const handle = useMemo(() => session.watches.acquire(resource, namespace), [session, resource, namespace]);
  useEffect(() => handle.release, [handle]);
  useListeners(handle.cache.listeners);
  return handle.cache as unknown as WatchCache<T>;
}

export function useMetrics(kind: 'nodes' | 'pods', namespace?: string): MetricsHistory {
  const session = useSession();
  const history = session.metricsHistory(kind, namespace);
  useListeners(history.listeners);
  return history;
}

export interface LogOptions {
  namespace: string;
  pod: string;
  container?: string;
  previous: boolean;
  follow: boolean;
  tailLines: number;
}

export function useLogs(options: LogOptions): LogBuffer {
  const session = useSession();
  const { namespace, pod, container, previous, follow, tailLines } = options;
  const buffer = useMemo(() => new LogBuffer(), [session, namespace, pod, container, previous, follow, tailLines]);
  useEffect(() => session.client.logs({ namespace, pod, container, previous, follow, tailLines }, buffer), [buffer]);
  useListeners(buffer.listeners);
  return buffer;
}

export function useConnectionState(): ConnectionState {
  const session = useSession();
  const [state, setState] = useState(session.client.state);
  useEffect(() => {
    setState(session.client.state);
    return session.client.onChange(() => setState(session.client.state));
  }, [session]);
  return state;
}

/** The current time, refreshed every `intervalMs`, so ages tick without a data change. */
export function useNow(intervalMs = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
