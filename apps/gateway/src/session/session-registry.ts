import type { Socket } from 'socket.io';
import { ClientSession } from './client-session.js';
import type { SessionDependencies } from './session-dependencies.js';

/** The sessions of the sockets connected to this instance. */
export class SessionRegistry {
  private readonly sessions = new Map<string, ClientSession>();

  constructor(readonly deps: SessionDependencies) {}

  open(socket: Socket): ClientSession {
    const { token, user } = socket.data as { token: string; user: { username: string } };
    const session = new ClientSession(socket.conn, token, user.username, this.deps);
    this.sessions.set(socket.id, session);
    this.deps.metrics.connections.inc();
    return session;
  }

  get(socket: Socket): ClientSession {
    const session = this.sessions.get(socket.id);
    if (!session) throw new Error(`no session for socket ${socket.id}`);
    return session;
  }

  close(socket: Socket): void {
    const session = this.sessions.get(socket.id);
    if (!session) return;
    this.sessions.delete(socket.id);
    session.close();
    this.deps.metrics.connections.dec();
  }
}
