import type { Duplex, Readable } from 'node:stream';
import type { ContainerRuntime } from '#runtime';
import { RstStatus } from './spdy/frames.js';
import { SpdySession, type SpdyStream } from './spdy/session.js';

/** The WebSocket subprotocol of kubectl's SPDY-over-WebSocket port-forward tunnel (KEP-4006). */
export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/**
 * The kubelet's SPDY port-forward protocol (portforward.k8s.io, pkg/kubelet/cri/streaming/
 * portforward/httpstream.go) over `transport`. Per forwarded connection the client opens two
 * streams with headers streamType (error|data), port and requestID: the pair's data stream
 * carries the TCP bytes to and from the pod's port, its error stream a message if forwarding
 * fails. Ports travel in these headers, so one session serves any number of ports and
 * connections.
 */
export function servePortForwardOverSpdy(
  transport: Duplex,
  runtime: ContainerRuntime,
  sandboxId: string,
  podName: string,
): SpdySession {
  const session = new SpdySession(transport);
  const pending = new Map<string, { data?: SpdyStream; error?: SpdyStream }>();
  session.on('stream', (stream) => {
    const type = stream.header('streamtype');
    if (type !== 'data' && type !== 'error') return stream.reset(RstStatus.ProtocolError);
    const id = requestIdOf(stream, type);
    const pair = pending.get(id) ?? {};
    if (pair[type]) return stream.reset(RstStatus.ProtocolError); // a second stream of one kind
    pair[type] = stream;
    if (!pair.data || !pair.error) return void pending.set(id, pair);
    pending.delete(id);
    void forward(runtime, sandboxId, podName, pair.data, pair.error);
  });
  session.on('close', () => pending.clear());
  return session;
}

/** Clients before 1.5 sent no requestID: the kubelet pairs an error stream with the data stream two ids on. */
function requestIdOf(stream: SpdyStream, type: 'data' | 'error'): string {
  return stream.header('requestid') ?? String(type === 'error' ? stream.id : stream.id - 2);
}

async function forward(
  runtime: ContainerRuntime,
  sandboxId: string,
  podName: string,
  data: SpdyStream,
  error: SpdyStream,
): Promise<void> {
  const portHeader = data.header('port') ?? '';
  const port = Number(portHeader);
  const report = async (message: string) => {
    await error.send(Buffer.from(message));
    await Promise.all([error.close(), data.close()]);
  };
  if (!/^\d+$/.test(portHeader) || port < 1 || port > 65535) {
    return report(`invalid port header ${JSON.stringify(portHeader)}: must be a port number 1-65535`);
  }
  let socket: Duplex;
  try {
    socket = (await runtime.portForward(sandboxId, port)) as Duplex;
  } catch (cause) {
    return report(`error forwarding port ${port} to pod ${podName}: ${(cause as Error).message}`);
  }
  if (data.isReset) return void socket.destroy();
  // The client's FIN half-closes the pod connection; a reset (or the session ending) drops it.
  data.incoming.pipe(socket);
  data.once('reset', () => socket.destroy());
  try {
    for await (const chunk of socket as Readable) await data.send(chunk as Buffer);
  } catch (cause) {
    if (!data.isReset) return report(`error forwarding port ${port} to pod ${podName}: ${(cause as Error).message}`);
  } finally {
    socket.destroy();
  }
  await Promise.all([data.close(), error.close()]);
}
