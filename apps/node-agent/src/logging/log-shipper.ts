import { readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Pod } from '#api';
import type { BulkItem, Delivery } from '#search';
import { DiskBuffer, type Chunk } from './buffer/disk-buffer.js';
import type { LoggingConfig } from './config/logging-config.js';
import { kubernetesMetadata } from './enrich/kubernetes-metadata.js';
import type { LoggingMetrics } from './logging-metrics.js';
import type { LogEntry } from './parse/log-entry.js';
import { KubeletLogPaths, parseContainerLogName, podUidOfDir } from './paths/kubelet-log-paths.js';
import { logBulkItem } from './ship/log-document.js';
import { LogTailer } from './tail/log-tailer.js';
import { PositionFile } from './tail/position-file.js';

export interface LogShipperDeps {
  config: LoggingConfig;
  delivery: Delivery;
  /** The node agent's pod cache. */
  pods: { get(namespace: string, name: string): Pod | undefined };
  nodeName: string;
  metrics: LoggingMetrics;
  logger: Logger;
  /** Pause between reading rounds when the files had nothing more. */
  pollMs?: number;
}

/** At most this much of one file is read per round. */
const ROUND_BYTES = 256 * 1024;
/** Rough JSON overhead of a record beside its log text, for chunk sizing. */
const RECORD_OVERHEAD_BYTES = 600;

/**
 * Container log shipping, Fluentd-style, in stages: tail (/var/log/containers, position file,
 * rotation) -> parse (json-file, partial lines, multiline, app JSON) -> enrich (kubernetes.*
 * from the pod cache) -> chunk (by size and time) -> disk buffer -> deliver (bulk create with
 * deterministic ids). Delivery guarantee: at-least-once reading, exactly-once in the index.
 * Positions are saved only after the records read up to them sit in a durable chunk; a chunk is
 * removed only after the engine has taken every item. With the buffer full, reading pauses.
 */
export class LogShipper {
  private readonly buffer: DiskBuffer;
  private readonly positionFile: PositionFile;
  private tailer?: LogTailer;
  private staged: BulkItem[] = [];
  private stagedBytes = 0;
  private stagedSince = 0;
  /** Epoch ms of the oldest record of each chunk in delivery (lag). */
  private readonly inFlightOldestMs = new Map<Chunk, number>();
  private readonly podUidOfLink = new Map<string, string | undefined>();
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly deps: LogShipperDeps) {
    this.buffer = new DiskBuffer(join(deps.config.stateDir, 'buffer'), deps.config.bufferLimitBytes);
    this.positionFile = new PositionFile(join(deps.config.stateDir, 'containers.pos'));
    deps.metrics.readings = {
      bufferBytes: () => this.buffer.bytes,
      bufferChunks: () => this.buffer.count,
      lagSeconds: () =>
        this.inFlightOldestMs.size > 0
          ? Math.max(0, (Date.now() - Math.min(...this.inFlightOldestMs.values())) / 1000)
          : 0,
    };
  }

  async start(): Promise<void> {
    const { config, metrics, logger } = this.deps;
    await this.buffer.open();
    this.tailer = new LogTailer({
      dir: KubeletLogPaths.containersDir(config.logDir),
      resume: await this.positionFile.load(),
      // Small reads, so that the staged records stay near one chunk (a record is larger than its line).
      roundBytes: Math.min(config.chunkLimitBytes, ROUND_BYTES),
      maxRecordBytes: config.maxRecordBytes,
      // A json-file line holds at most 16 KiB of text, up to 6 bytes per character once escaped.
      maxLineBytes: Math.max(config.maxRecordBytes, 128 * 1024),
      multiline: config.multiline,
      mayRead: () => !this.buffer.full() && this.stagedBytes < config.chunkLimitBytes,
      emit: (path, entries) => this.stage(path, entries),
      finished: (path) => this.podUidOfLink.delete(path),
      onRead: (lines, bytes) => {
        metrics.linesRead.inc(lines);
        metrics.bytesRead.inc(bytes);
      },
      onLostFile: (path) => {
        metrics.drops.inc({ reason: 'rotated_away' });
        logger.warn({ path }, 'a rotated container log was removed before it was read to its end');
      },
      logger,
    });
    const senders = Array.from({ length: config.shipConcurrency }, () => this.sendLoop());
    this.loops = [this.readLoop(), ...senders];
    logger.info({ logDir: config.logDir, indexPrefix: config.indexPrefix }, 'container log shipping running');
  }

  /** Seals what was read into the buffer; undelivered chunks stay on disk for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.buffer.wakeAll();
    await Promise.all(this.loops);
    await this.seal().catch((err: unknown) => this.deps.logger.warn({ err }, 'sealing the last log chunk failed'));
    await this.tailer?.close();
  }

  private async readLoop(): Promise<void> {
    const { config, metrics, logger } = this.deps;
    let lagMeasuredAt = 0;
    while (!this.stopping.signal.aborted) {
      let more = false;
      try {
        more = await this.tailer!.round();
        const age = Date.now() - this.stagedSince;
        if (this.stagedBytes >= config.chunkLimitBytes || (this.staged.length > 0 && age >= config.flushIntervalMs)) {
          await this.seal();
          more ||= !this.buffer.full(); // the round may have stopped at the chunk limit, not at the files' end
        }
        if (Date.now() - lagMeasuredAt > 5_000) {
          lagMeasuredAt = Date.now();
          metrics.lagBytes.set(await this.tailer!.unreadBytes());
        }
      } catch (err) {
        logger.warn({ err }, 'container log round failed; retrying');
      }
      if (!more) await sleep(this.deps.pollMs ?? 250, undefined, { signal: this.stopping.signal }).catch(() => {});
    }
  }

  private stage(path: string, entries: LogEntry[]): void {
    const { config, pods, metrics } = this.deps;
    const name = parseContainerLogName(basename(path)) ?? {
      pod: '',
      namespace: '',
      container: basename(path, '.log'),
      containerId: '',
    };
    const uid = this.linkedPodUid(path);
    const cached = pods.get(name.namespace, name.pod);
    // A pod recreated under the same name (a StatefulSet's) is another pod: match the uid.
    const pod = cached && (!uid || cached.metadata.uid === uid) ? cached : undefined;
    const kubernetes = kubernetesMetadata(name, pod, {
      host: this.deps.nodeName,
      annotationMatch: config.annotationMatch,
    });
    if (!pod && uid) kubernetes['pod_id'] = uid;
    if (this.staged.length === 0) this.stagedSince = Date.now();
    for (const entry of entries) {
      this.staged.push(logBulkItem(entry, kubernetes, name.containerId, config));
      this.stagedBytes += entry.bytes + RECORD_OVERHEAD_BYTES;
    }
    metrics.recordsEmitted.inc(entries.length);
  }

  /** The pod uid in the name of the pods/ directory the link points into (read once per link). */
  private linkedPodUid(path: string): string | undefined {
    if (!this.podUidOfLink.has(path)) {
      let uid: string | undefined;
      try {
        uid = podUidOfDir(basename(join(readlinkSync(path), '..', '..')));
      } catch {
        uid = undefined;
      }
      this.podUidOfLink.set(path, uid);
    }
    return this.podUidOfLink.get(path);
  }

  /** Staged records -> one durable chunk, then the positions that chunk makes safe. */
  private async seal(): Promise<void> {
    if (!this.tailer || this.staged.length === 0) return;
    const items = this.staged;
    const bytes = this.stagedBytes;
    const oldestMs = this.stagedSince;
    const positions = this.tailer.positions(); // taken with `items`, before any await
    this.staged = [];
    this.stagedBytes = 0;
    try {
      await this.buffer.write(items, oldestMs);
    } catch (error) {
      this.staged = [...items, ...this.staged];
      this.stagedBytes += bytes;
      this.stagedSince = oldestMs;
      throw error;
    }
    await this.positionFile.save(positions);
  }

  /**
   * One of `shipConcurrency` senders: each delivers the oldest chunk no other sender holds, so
   * that many bulk requests are in flight while the engine indexes. Chunks may finish out of
   * order; each is removed on its own success. Positions never wait on delivery (they follow the
   * durable chunks), and `create` with deterministic ids makes the order of arrival irrelevant
   * to what the index holds.
   */
  private async sendLoop(): Promise<void> {
    const { delivery, metrics, logger } = this.deps;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      await this.buffer.whenClaimable();
      if (signal.aborted) break;
      const chunk = this.buffer.claim();
      if (!chunk) continue;
      try {
        const contents = await this.buffer.read(chunk);
        if (contents.unreadable > 0) metrics.drops.inc({ reason: 'unreadable_chunk' }, contents.unreadable);
        this.inFlightOldestMs.set(chunk, contents.oldestMs);
        const report = await delivery.deliver(contents.items, signal);
        if (report.deadLettered > 0)
          logger.warn({ report, chunk: chunk.name }, 'the engine rejected log records; see the dead-letter index');
        await this.buffer.remove(chunk);
      } catch (err) {
        this.buffer.release(chunk);
        if (signal.aborted) break;
        metrics.deliveryErrors.inc({ reason: (err as Error).name || 'Error' });
        logger.warn({ err, chunk: chunk.name }, 'delivering a log chunk failed; it stays buffered');
        await sleep(1_000, undefined, { signal }).catch(() => {});
      } finally {
        this.inFlightOldestMs.delete(chunk);
      }
    }
  }
}
