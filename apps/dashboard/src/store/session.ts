import { RestClient } from '../api/rest-client.js';
import { GatewayClient } from '../connection/gateway-client.js';
import { MetricsHistory } from './metrics-history.js';
import { WatchRegistry } from './watch-registry.js';

/** Everything bound to one login: the socket, shared watches, the REST client. */
export class Session {
  readonly client: GatewayClient;
  readonly watches: WatchRegistry;
  readonly rest: RestClient;
  private readonly metrics = new Map<string, { history: MetricsHistory; stop: () => void }>();

  constructor(token: string, onUnauthorized: (reason: string) => void) {
    this.client = new GatewayClient(token);
    this.watches = new WatchRegistry(this.client);
    this.rest = new RestClient(token, onUnauthorized);
  }

  /**
   * A shared metrics subscription. It lives as long as the session, unlike watches: the
   * charts need the history collected while another view was open.
   */
  metricsHistory(kind: 'nodes' | 'pods', namespace?: string): MetricsHistory {
    const key = `${kind}/${namespace ?? '*'}`;
    let entry = this.metrics.get(key);
    if (!entry) {
      const history = new MetricsHistory();
      entry = { history, stop: this.client.metrics({ kind, namespace }, history) };
      this.metrics.set(key, entry);
    }
    return entry.history;
  }

  close(): void {
    for (const entry of this.metrics.values()) entry.stop();
    this.client.close();
  }
}
