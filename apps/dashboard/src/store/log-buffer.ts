import type { ApiErrorBody, LogEndMessage, LogHandlers, LogLine, LogMessage } from '../connection/protocol.js';
import { FrameScheduler } from './frame-scheduler.js';
import { Listeners } from './listeners.js';

/** Lines kept in the browser; older ones scroll away as `kubectl logs -f` output would. */
export const MAX_LOG_LINES = 10_000;

/**
 * A pod's log lines from a logs subscription. After a reconnect the stream is requested again
 * with the same tailLines; lines not newer than the last one shown are skipped, so the
 * reconnect neither repeats nor (within tailLines) loses lines.
 */
export class LogBuffer implements LogHandlers {
  lines: LogLine[] = [];
  ended: string | undefined;
  failure: ApiErrorBody | undefined;
  version = 0;
  readonly listeners = new Listeners();
  private lastTimestamp = '';
  private resuming = false;
  private readonly scheduler = new FrameScheduler(() => {
    this.version++;
    this.listeners.notify();
  });

  log(message: LogMessage): void {
    this.scheduler.enqueue(() => {
      let fresh = message.lines;
      if (this.resuming && this.lastTimestamp) fresh = fresh.filter((l) => l.timestamp > this.lastTimestamp);
      if (!fresh.length) return;
      this.resuming = false;
      this.lastTimestamp = fresh[fresh.length - 1].timestamp;
      this.lines = this.lines.concat(fresh);
      if (this.lines.length > MAX_LOG_LINES) this.lines = this.lines.slice(-MAX_LOG_LINES);
    });
  }

  end(message: LogEndMessage): void {
    this.scheduler.enqueue(() => (this.ended = message.reason));
  }

  error(error: ApiErrorBody): void {
    this.scheduler.enqueue(() => (this.failure = error));
  }

  resumed(): void {
    this.resuming = this.lines.length > 0;
    this.ended = undefined;
  }
}
