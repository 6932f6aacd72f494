import type { Container } from '#api';
import type { ContainerRuntime } from '#runtime';
import { PassThrough } from 'node:stream';
import type { ProbeOutcome } from './probe-tracker.js';

type Probe = NonNullable<Container['livenessProbe']>;

export interface ProbeResult {
  outcome: ProbeOutcome;
  /** The kubelet's words for a failure: "HTTP probe failed with statuscode: 500" ... */
  message?: string;
}

/**
 * One probe attempt. httpGet and tcpSocket go through runtime.portForward (a stream into the
 * pod's network namespace), so they work for both runtimes without routing to pod IPs;
 * exec runs in the container. Exceeding timeoutSeconds is a failure.
 */
export async function runProbe(
  runtime: ContainerRuntime,
  sandboxId: string,
  containerId: string,
  container: Container,
  probe: Probe,
): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ outcome: 'failure', message: `timeout: probe exceeded ${timeoutMs / 1000}s` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([attempt(runtime, sandboxId, containerId, container, probe), timeout]);
  } catch (error) {
    return { outcome: 'failure', message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

async function attempt(
  runtime: ContainerRuntime,
  sandboxId: string,
  containerId: string,
  container: Container,
  probe: Probe,
): Promise<ProbeResult> {
  if (probe.exec) {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await runtime.exec(containerId, {
      command: probe.exec.command ?? [],
      tty: false,
      stdout: output,
      stderr: output,
    });
    if (code === 0) return { outcome: 'success' };
    const text = Buffer.concat(chunks).toString('utf8').trim();
    return {
      outcome: 'failure',
      message: `command ${JSON.stringify(probe.exec.command)} exited with ${code}: ${text}`,
    };
  }
  if (probe.httpGet) {
    const port = resolvePort(container, probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const socket = await runtime.portForward(sandboxId, port);
    const status = await httpStatus(socket, path, probe.httpGet.httpHeaders ?? []);
    if (status >= 200 && status < 400) return { outcome: 'success' };
    return { outcome: 'failure', message: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(container, probe.tcpSocket.port);
    const socket = await runtime.portForward(sandboxId, port);
    (socket as unknown as { destroy(): void }).destroy();
    return { outcome: 'success' };
  }
  return { outcome: 'failure', message: 'probe has no handler the node agent supports (exec, httpGet, tcpSocket)' };
}

/** A probe's port: a number, or the name of one of the container's ports. */
export function resolvePort(container: Container, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  if (named) return named.containerPort;
  if (/^\d+$/.test(port)) return Number(port);
  throw new Error(`port "${port}" is not a port of container ${container.name}`);
}

function httpStatus(
  socket: NodeJS.ReadWriteStream,
  path: string,
  headers: { name: string; value: string }[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = '';
    const extra = headers.map((h) => `${h.name}: ${h.value}\r\n`).join('');
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (match) {
        resolve(Number(match[1]));
        (socket as unknown as { destroy(): void }).destroy();
      } else if (head.length > 4096 || head.includes('\r\n')) {
        reject(new Error(`malformed HTTP response: ${JSON.stringify(head.slice(0, 80))}`));
      }
    });
    socket.on('error', reject);
    socket.on('end', () => reject(new Error('connection closed before an HTTP response')));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\n${extra}Connection: close\r\n\r\n`,
    );
  });
}
