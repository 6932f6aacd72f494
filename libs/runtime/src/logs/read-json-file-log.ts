import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogOptions } from '../container-runtime.js';

const CHUNK_BYTES = 64 * 1024;
const FOLLOW_POLL_MS = 200;

interface JsonFileEntry {
  log: string;
  stream: string;
  time: string;
}

/**
 * Reads a Docker json-file log (what both runtimes write) as the text `kubectl logs` shows:
 * each entry's "log", prefixed with its RFC3339Nano time when `timestamps` is set.
 * tailLines keeps the last N entries (a bounded ring while scanning forward), sinceTime drops
 * older ones. With `follow`, it polls for appended entries until `finished()` says the
 * container has exited, then drains what is left and ends, as the kubelet's follow does.
 */
export async function readJsonFileLog(
  path: string,
  options: LogOptions,
  finished: () => Promise<boolean>,
): Promise<Readable> {
  const handle = await open(path, 'r');
  return Readable.from(entries(handle, options, finished), { objectMode: false });
}

async function* entries(handle: FileHandle, options: LogOptions, finished: () => Promise<boolean>) {
  const cursor: Cursor = { offset: 0, partial: '', decoder: new StringDecoder('utf8') };
  const sinceMs = options.sinceTime?.getTime();
  const format = (line: string): string | undefined => {
    const entry = parse(line);
    if (!entry) return undefined;
    if (sinceMs !== undefined && Date.parse(entry.time) < sinceMs) return undefined;
    return options.timestamps ? `${entry.time} ${entry.log}` : entry.log;
  };
  try {
    const tail: string[] = [];
    for await (const line of newLines(handle, cursor)) {
      const text = format(line);
      if (text === undefined) continue;
      if (options.tailLines === undefined) {
        yield text;
        continue;
      }
      tail.push(text);
      if (tail.length > options.tailLines) tail.shift();
    }
    yield* tail;
    if (!options.follow) return;
    for (;;) {
      // Ask before reading so that entries written just before the exit are still drained.
      const done = await finished();
      for await (const line of newLines(handle, cursor)) {
        const text = format(line);
        if (text !== undefined) yield text;
      }
      if (done) return;
      await sleep(FOLLOW_POLL_MS);
    }
  } finally {
    await handle.close();
  }
}

/** Complete lines from `cursor.offset` to the file's current end; keeps a partial last line. */
/** The decoder keeps a multi-byte character split across two reads whole. */
interface Cursor {
  offset: number;
  partial: string;
  decoder: StringDecoder;
}

async function* newLines(handle: FileHandle, cursor: Cursor) {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, cursor.offset);
    if (bytesRead === 0) return;
    cursor.offset += bytesRead;
    const lines = (cursor.partial + cursor.decoder.write(buffer.subarray(0, bytesRead))).split('\n');
    cursor.partial = lines.pop() ?? '';
    yield* lines;
  }
}

function parse(line: string): JsonFileEntry | undefined {
  if (!line) return undefined;
  try {
    const entry = JSON.parse(line) as JsonFileEntry;
    return typeof entry.log === 'string' && typeof entry.time === 'string' ? entry : undefined;
  } catch {
    return undefined; // a torn write at a crash: skip it rather than fail the whole read
  }
}
