import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { KubeObject, ResourceType, WatchEvent } from '#api';
import type { Watch } from '#store';
import { contentTypeFor } from './content-negotiation.js';
import { presentObject, type Presentation } from './response-writer.js';

/**
 * Streams a watch as kube-apiserver does: chunked JSON, one event per line; ends on
 * timeoutSeconds, on client disconnect, or when the store ends the watch (e.g. 410).
 * Waits for the socket to drain so that a slow client applies backpressure to its own
 * watch instead of growing this process's memory.
 */
export async function streamWatch(
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  watch: Watch,
  presentation: Presentation,
  timeoutSeconds: number,
): Promise<void> {
  const timer = setTimeout(() => watch.stop(), timeoutSeconds * 1000);
  const stop = () => watch.stop();
  req.socket.on('close', stop);
  res.on('close', stop);
  res.writeHead(200, {
    'Content-Type': contentTypeFor(presentation.format),
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  res.flushHeaders();
  try {
    for await (const event of watch) {
      const line = JSON.stringify(present(type, event, presentation)) + '\n';
      if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      if (res.destroyed) break;
    }
  } finally {
    clearTimeout(timer);
    req.socket.off('close', stop);
    watch.stop();
    if (!res.destroyed) res.end();
  }
}

function present(type: ResourceType, event: WatchEvent, p: Presentation): WatchEvent<unknown> {
  // ERROR carries a Status and BOOKMARK a bare resourceVersion: neither is shown as a row.
  if (event.type === 'ERROR' || event.type === 'BOOKMARK' || !p.format.as) return event;
  return { type: event.type, object: presentObject(type, event.object as KubeObject, { ...p, now: new Date() }) };
}
