import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '#runtime';

/**
 * The kubelet's WebSocket port-forward (server/portforward/websocket.go, protocol
 * v4.channel.k8s.io / portforward.k8s.io): for the i-th `port` query value, channel 2i
 * carries data and 2i+1 errors; the first message on each channel is the port, 2 bytes
 * little-endian. One TCP stream into the pod (runtime.portForward) per port, for the
 * lifetime of the WebSocket.
 */
export async function runPortForwardSession(
  socket: WebSocket,
  runtime: ContainerRuntime,
  sandboxId: string,
  ports: number[],
): Promise<void> {
  const send = (channel: number, data: Buffer) => {
    if (socket.readyState === socket.OPEN) socket.send(Buffer.concat([Buffer.from([channel]), data]));
  };
  const portBytes = (port: number) => Buffer.from([port & 0xff, (port >> 8) & 0xff]);
  const streams = await Promise.all(
    ports.map(async (port, i) => {
      send(2 * i, portBytes(port));
      send(2 * i + 1, portBytes(port));
      try {
        const stream = await runtime.portForward(sandboxId, port);
        stream.on('data', (chunk: Buffer) => send(2 * i, chunk));
        stream.on('error', (error: Error) => send(2 * i + 1, Buffer.from(error.message)));
        return stream;
      } catch (error) {
        send(2 * i + 1, Buffer.from(`error forwarding port ${port} to pod: ${(error as Error).message}`));
        return undefined;
      }
    }),
  );
  socket.on('message', (raw: Buffer) => {
    const channel = raw[0];
    if (channel % 2 !== 0) return;
    streams[channel / 2]?.write(raw.subarray(1));
  });
  socket.on('close', () => {
    for (const stream of streams) (stream as unknown as { destroy?(): void } | undefined)?.destroy?.();
  });
}
