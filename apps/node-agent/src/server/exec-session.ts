import { PassThrough, Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ContainerRuntime } from '#runtime';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

/**
 * One `kubectl exec` over the Kubernetes channel protocol (v4/v5.channel.k8s.io): each
 * binary message is a channel byte then data; 0 stdin, 1 stdout, 2 stderr, 3 the final
 * Status JSON (exit code in details.causes[ExitCode]), 4 resize (ignored: no TTY resize),
 * and in v5, 255 + channel closes that channel (stdin EOF).
 */
export async function runExecSession(
  socket: WebSocket,
  runtime: ContainerRuntime,
  containerId: string,
  query: URLSearchParams,
): Promise<void> {
  const send = (channel: number, data: Buffer | string) => {
    if (socket.readyState !== socket.OPEN) return;
    const body = typeof data === 'string' ? Buffer.from(data) : data;
    socket.send(Buffer.concat([Buffer.from([channel]), body]));
  };
  const output = (channel: number) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        send(channel, chunk);
        callback();
      },
    });
  const wantsStdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
  const stdin = wantsStdin ? new PassThrough() : undefined;
  socket.on('message', (raw: Buffer) => {
    const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
    if (data[0] === STDIN) stdin?.write(data.subarray(1));
    else if (data[0] === CLOSE && data[1] === STDIN) stdin?.end();
  });
  socket.on('close', () => stdin?.end());
  let status: object;
  try {
    const code = await runtime.exec(containerId, {
      command: query.getAll('command'),
      tty: query.get('tty') === 'true' || query.get('tty') === '1',
      stdin,
      stdout: query.get('stdout') === 'false' ? undefined : output(STDOUT),
      stderr: query.get('stderr') === 'false' ? undefined : output(STDERR),
    });
    status =
      code === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: error executing command [${query.getAll('command').join(' ')}], exit code ${code}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
          };
  } catch (error) {
    status = { metadata: {}, status: 'Failure', message: (error as Error).message, reason: 'InternalError' };
  }
  send(ERROR, JSON.stringify(status));
  socket.close(1000);
}
