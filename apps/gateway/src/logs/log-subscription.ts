import { StringDecoder } from 'node:string_decoder';
import { encodeEvent } from '../delivery/outbound-packet.js';
import type { SubscriberContext } from '../session/subscriber-context.js';
import type { Subscription } from '../session/subscription.js';
import type { LogsRequest } from '../session/requests.js';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';
import { parseLogLine, type LogLine } from './log-line.js';

/** Lines leave at most this often, or as soon as this many are waiting. */
const BATCH_MS = 50;
const BATCH_LINES = 500;

/**
 * A live tail of one container's log through the apiserver's pods/log (follow, tailLines,
 * previous, as `kubectl logs` asks for them), requested as the client, sent in `log` batches
 * and closed with `log-end`. A client too slow for its buffer gets `log-end` reason Overflow.
 */
export class LogSubscription implements Subscription {
  private readonly abort = new AbortController();
  private pending: LogLine[] = [];
  private timer?: NodeJS.Timeout;
  private ended = false;
  private counted = false;

  constructor(
    readonly id: string,
    private readonly request: LogsRequest,
    private readonly ctx: SubscriberContext,
    private readonly apiserver: ApiserverConnection,
    private readonly onEnd: (id: string) => void,
  ) {}

  /** Resolves once the apiserver has accepted the request (the pod and container exist); rejects with its error. */
  async start(): Promise<void> {
    const { namespace, pod, container, tailLines, previous, follow = true } = this.request;
    const query = new URLSearchParams({ timestamps: 'true', follow: String(follow) });
    if (container) query.set('container', container);
    if (tailLines !== undefined) query.set('tailLines', String(tailLines));
    if (previous) query.set('previous', 'true');
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${query}`;
    const response = await this.apiserver.openOk({ path, token: this.ctx.token, signal: this.abort.signal });
    this.ctx.metrics.subscriptions.inc({ type: 'logs', resource: 'pods/log' });
    this.counted = true;
    void (async () => {
      const decoder = new StringDecoder('utf8');
      let partial = '';
      try {
        for await (const chunk of response) {
          const lines = (partial + decoder.write(chunk as Buffer)).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) this.add(parseLogLine(line));
        }
        partial += decoder.end();
        if (partial) this.add(parseLogLine(partial));
        this.end('Completed');
      } catch (error) {
        this.end(this.abort.signal.aborted ? 'Stopped' : `Error: ${(error as Error).message}`);
      }
    })();
  }

  stop(): void {
    this.abort.abort();
    this.end('Stopped');
  }

  overflowed(): void {
    this.abort.abort();
    this.pending = [];
    this.end('Overflow');
  }

  drained(): void {}

  private add(line: LogLine): void {
    if (this.ended) return;
    this.pending.push(line);
    if (this.pending.length >= BATCH_LINES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    if (this.ctx.outbox.push(encodeEvent('log', { id: this.id, lines })))
      this.ctx.metrics.messagesSent.inc({ event: 'log' });
  }

  private end(reason: string): void {
    if (this.ended) return;
    if (reason !== 'Overflow') this.flush();
    this.ended = true;
    clearTimeout(this.timer);
    this.abort.abort();
    if (this.counted) this.ctx.metrics.subscriptions.dec({ type: 'logs', resource: 'pods/log' });
    // A stop the client asked for needs no notice; every other end does.
    if (reason !== 'Stopped') this.ctx.sendControl('log-end', { id: this.id, reason });
    this.onEnd(this.id);
  }
}
