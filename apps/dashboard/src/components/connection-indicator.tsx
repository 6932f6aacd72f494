import type { ConnectionState } from '../connection/connection-state.js';

const LABELS: Record<ConnectionState, { text: string; detail: string }> = {
  connecting: { text: 'Connecting', detail: 'Opening the connection to the gateway' },
  live: { text: 'Live', detail: 'Changes appear as they happen' },
  reconnecting: { text: 'Reconnecting', detail: 'Connection lost; retrying. What you see was current moments ago' },
  stale: { text: 'Stale', detail: 'Disconnected for a while; what you see may be out of date. Still retrying' },
  unauthorized: { text: 'Signed out', detail: 'The gateway refused the token' },
};

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { text, detail } = LABELS[state];
  return (
    <div class={`connection connection-${state}`} role="status" aria-live="polite" title={detail} data-state={state}>
      <span class="connection-dot" aria-hidden="true" />
      <span class="connection-text">{text}</span>
      <span class="visually-hidden">: {detail}</span>
    </div>
  );
}
