import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { ResourceType, WatchEvent } from '#api';
import type { Watch } from '#store';
import { WatchTableEncoder } from '../table/index.js';
import { contentTypeFor } from './content-negotiation.js';
import { partialMetadata, type Presentation } from './response-writer.js';

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
  const present = presenterFor(type, presentation);
  const serialize = presentation.format.as ? (event: WatchEvent<unknown>) => JSON.stringify(event) : sharedJson;
  try {
    for await (const event of watch) {
      const line = serialize(present(event)) + '\n';
      corkUntilTickEnds(res);
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

/**
 * Changes read from the store together reach this loop in one run of the microtask queue:
 * written corked, they leave as one TLS record and one system call instead of one per event
 * (a binding burst otherwise costs the apiserver a writev per pod per watcher).
 */
function corkUntilTickEnds(res: ServerResponse): void {
  if (res.writableCorked > 0) return;
  res.cork();
  process.nextTick(() => res.uncork());
}

/**
 * The store parses a change once and hands the same object to every watcher it concerns, so
 * its JSON is kept beside it: a pod change watched by the scheduler, the controller-manager
 * and a dashboard is serialised once, not three times. Objects are never changed once stored.
 */
const objectJson = new WeakMap<object, string>();

function sharedJson(event: WatchEvent<unknown>): string {
  if (event.type === 'BOOKMARK' || event.type === 'ERROR') return JSON.stringify(event);
  const object = event.object as object;
  let json = objectJson.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    objectJson.set(object, json);
  }
  return `{"type":"${event.type}","object":${json}}`;
}

/** Events as they are, or as one-row Tables (column definitions on the first only) for `kubectl get -w`. */
function presenterFor(type: ResourceType, p: Presentation): (event: WatchEvent) => WatchEvent<unknown> {
  if (p.format.as === 'Table') {
    const tables = new WatchTableEncoder(type, p.includeObject);
    // A BOOKMARK carries a bare resourceVersion, not a row.
    return (event) => (event.type === 'BOOKMARK' ? event : tables.encode(event, new Date()));
  }
  if (p.format.as)
    return (event) =>
      event.type === 'ERROR' || event.type === 'BOOKMARK'
        ? event
        : { type: event.type, object: partialMetadata(event.object) };
  return (event) => event;
}
