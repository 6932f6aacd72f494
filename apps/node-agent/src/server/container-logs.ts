import type { ServerResponse } from 'node:http';
import type { Pod } from '#api';
import type { Informer } from '#client';
import type { ContainerRuntime } from '#runtime';
import { findContainer, KubeletRequestError } from './find-container.js';

/** GET /containerLogs/{namespace}/{pod}/{container}: the log as plain text, following when asked. */
export async function serveContainerLogs(
  pods: Informer<Pod>,
  runtime: ContainerRuntime,
  [namespace, podName, name]: string[],
  query: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  const { instances } = await findContainer(pods, runtime, namespace, podName, name);
  const previous = query.get('previous') === 'true';
  const target = previous ? instances.previous : instances.current;
  if (!target) {
    throw new KubeletRequestError(
      400,
      previous
        ? `previous terminated container "${name}" in pod "${podName}" not found`
        : `container "${name}" in pod "${podName}" is waiting to start: ContainerCreating`,
    );
  }
  const sinceSeconds = query.get('sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const tailLines = query.get('tailLines');
  const stream = await runtime.logs(target.id, {
    follow: query.get('follow') === 'true' && !previous,
    timestamps: query.get('timestamps') === 'true',
    ...(tailLines ? { tailLines: Number(tailLines) } : {}),
    ...(sinceSeconds
      ? { sinceTime: new Date(Date.now() - Number(sinceSeconds) * 1000) }
      : sinceTime
        ? { sinceTime: new Date(sinceTime) }
        : {}),
  });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
