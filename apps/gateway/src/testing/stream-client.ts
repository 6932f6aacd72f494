import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';

export interface Received {
  event: string;
  payload: { id?: string; [key: string]: unknown };
  at: number;
}

/** A socket.io-client connection that records every server message, for tests and the benchmark. */
export class StreamClient {
  readonly received: Received[] = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: Received['payload']) =>
      this.received.push({ event, payload, at: performance.now() }),
    );
  }

  /** Connected, or rejects with the connect_error (message and data). */
  static connect(url: string, token: string | undefined, transports = ['websocket']): Promise<StreamClient> {
    const socket = io(url, { auth: token === undefined ? {} : { token }, transports, reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new StreamClient(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  request<T = Record<string, unknown>>(event: string, payload: unknown): Promise<T> {
    return this.socket.timeout(30_000).emitWithAck(event, payload) as Promise<T>;
  }

  /** Messages about subscription `id`, optionally of one event. */
  about(id: string, event?: string): Received[] {
    return this.received.filter((r) => r.payload?.id === id && (event === undefined || r.event === event));
  }

  /** Waits until `check` returns a value other than undefined/false; fails after timeoutMs with `what`. */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }

  close(): void {
    this.socket.close();
  }
}
