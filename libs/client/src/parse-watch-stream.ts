import type { WatchEvent } from '#api';

const NEWLINE = 0x0a;

/** A single watch event larger than this is refused rather than buffered (objects are at most a few MiB). */
const DEFAULT_MAX_WATCH_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Watch events from a kube-apiserver watch body: one JSON object per line, where chunk
 * boundaries fall anywhere, inside a line or inside a multi-byte character. Lines are cut
 * on the newline byte (never part of a UTF-8 sequence) and decoded whole; the tail of an
 * unfinished line is kept as a list of slices and joined once, so a line spanning many
 * chunks costs linear time. Pulling from the source only as the consumer asks keeps at most
 * one chunk plus one unfinished line in memory and lets TCP push back on the server.
 */
export async function* parseWatchStream<T>(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLineBytes = DEFAULT_MAX_WATCH_LINE_BYTES,
): AsyncGenerator<WatchEvent<T>> {
  const partial: Buffer[] = [];
  let partialBytes = 0;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      start = newline + 1;
      if (partialBytes + piece.length > maxLineBytes) throw lineTooLong(maxLineBytes);
      let line = piece;
      if (partial.length > 0) {
        partial.push(piece);
        line = Buffer.concat(partial, partialBytes + piece.length);
        partial.length = 0;
        partialBytes = 0;
      }
      const event = decodeLine<T>(line);
      if (event) yield event;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      partialBytes += rest.length;
      if (partialBytes > maxLineBytes) throw lineTooLong(maxLineBytes);
      partial.push(rest);
    }
  }
  // A server that ends the body without a final newline still sent a whole event.
  if (partial.length > 0) {
    const event = decodeLine<T>(Buffer.concat(partial, partialBytes));
    if (event) yield event;
  }
}

function decodeLine<T>(line: Buffer): WatchEvent<T> | undefined {
  const text = line.toString('utf8').trim();
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`malformed watch event: ${text.slice(0, 200)}`, { cause: error });
  }
  const event = parsed as Partial<WatchEvent<T>> | null;
  if (!event || typeof event.type !== 'string' || typeof event.object !== 'object' || event.object === null) {
    throw new Error(`malformed watch event: ${text.slice(0, 200)}`);
  }
  return event as WatchEvent<T>;
}

function lineTooLong(max: number): Error {
  return new Error(`watch event exceeds ${max} bytes; refusing to buffer it`);
}
