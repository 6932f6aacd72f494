import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { Pod } from '#api';
import type { ContainerStatus } from '#runtime';
import type { BulkItem, Delivery, DeliveryReport } from '#search';
import { loadLoggingConfig, type LoggingConfig } from './config/logging-config.js';
import { LoggingMetrics } from './logging-metrics.js';
import { LogShipper } from './log-shipper.js';
import { jsonFileLine } from './parse/json-file-fixture.js';
import { ContainerLogLinks } from './paths/container-log-links.js';

/**
 * The engine is replaced by a test double at the Delivery contract, the honest unit boundary:
 * it keeps documents by _id and answers a second `create` of an id as a duplicate, as the
 * engine's 409 does, and it can be held closed to stand for an outage. The real engine is
 * exercised end to end in test/e2e/log-shipping.e2e.ts.
 */
class IndexDouble implements Delivery {
  readonly documents = new Map<string, BulkItem>();
  duplicates = 0;
  private opened: Promise<void> = Promise.resolve();
  private open?: () => void;

  outage(): void {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
  recover(): void {
    this.open?.();
  }

  async deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport> {
    await Promise.race([
      this.opened,
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    ]);
    let delivered = 0;
    for (const item of items) {
      if (this.documents.has(item.id)) this.duplicates++;
      else {
        this.documents.set(item.id, item);
        delivered++;
      }
    }
    return { delivered, duplicates: items.length - delivered, deadLettered: 0 };
  }

  logs(): string[] {
    return [...this.documents.values()].map((item) => item.document['log'] as string);
  }
}

/** Holds every deliver() until the test settles it, so that deliveries can finish in any order or fail. */
class HeldIndex implements Delivery {
  readonly index = new IndexDouble();
  readonly held: { items: BulkItem[]; settle(ok: boolean): void }[] = [];
  mostAtOnce = 0;

  async deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport> {
    const ok = await new Promise<boolean>((resolve) => {
      signal?.addEventListener('abort', () => resolve(false)); // a shipper stopping mid-test
      this.held.push({ items, settle: resolve });
      this.mostAtOnce = Math.max(this.mostAtOnce, this.held.length);
    });
    if (!ok) throw new Error('bulk failed');
    return this.index.deliver(items);
  }

  /** Settles the held delivery at `position` (0: the first sent). */
  settle(position: number, ok = true): void {
    const [entry] = this.held.splice(position, 1);
    entry.settle(ok);
  }
}

const UID = '0b5e2a7c-1111-2222-3333-444455556666';
const CONTAINER_ID = 'a'.repeat(64);
const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: UID, labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
};

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('LogShipper (files on disk -> Delivery double)', () => {
  let dir: string;
  let dockerLog: string;
  let config: LoggingConfig;
  const shippers: LogShipper[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'log-shipper-'));
    mkdirSync(join(dir, 'docker'));
    dockerLog = join(dir, 'docker', `${CONTAINER_ID}-json.log`);
    writeFileSync(dockerLog, '');
    const errors: string[] = [];
    config = loadLoggingConfig(
      { KUBENEST_LOG_DIR: join(dir, 'log'), KUBENEST_LOG_FLUSH_SECONDS: '0.05', KUBENEST_LOG_CHUNK_LIMIT: '4Ki' },
      join(dir, 'agent'),
      errors,
    );
    assert.deepEqual(errors, []);
    const container = {
      id: CONTAINER_ID,
      logPath: dockerLog,
      labels: {
        'io.kubernetes.pod.uid': UID,
        'io.kubernetes.pod.name': 'web',
        'io.kubernetes.pod.namespace': 'default',
        'io.kubernetes.container.name': 'app',
        'io.kubernetes.container.restartCount': '0',
      },
    } as unknown as ContainerStatus;
    await new ContainerLogLinks(config.logDir).sync([container]);
  });
  afterEach(async () => {
    for (const shipper of shippers.splice(0)) await shipper.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (delivery: Delivery, overrides: Partial<LoggingConfig> = {}) => {
    const metrics = new LoggingMetrics(new Registry());
    const shipper = new LogShipper({
      config: { ...config, ...overrides },
      delivery,
      pods: { get: (namespace, name) => (namespace === 'default' && name === 'web' ? pod : undefined) },
      nodeName: 'node-a',
      metrics,
      logger: pino({ level: 'silent' }),
      pollMs: 20,
    });
    shippers.push(shipper);
    await shipper.start();
    return { shipper, metrics };
  };
  const writeLines = (from: number, to: number) => {
    let text = '';
    for (let i = from; i <= to; i++) text += jsonFileLine(`line ${i}\n`, i % 2 ? 'stdout' : 'stderr');
    appendFileSync(dockerLog, text);
  };
  const expected = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`);

  it('ships each line once, with the kubernetes metadata, a daily index and a create op', async () => {
    const index = new IndexDouble();
    await start(index);
    const big = 'x'.repeat(40_000);
    writeLines(1, 20);
    appendFileSync(
      dockerLog,
      jsonFileLine(big.slice(0, 16384)) +
        jsonFileLine(big.slice(16384, 32768)) +
        jsonFileLine(`${big.slice(32768)}\n`) +
        jsonFileLine('{"level":"warn","msg":"json line"}\n') +
        '{"log":"torn\n',
    );
    await until('23 documents', () => index.documents.size === 23);
    const logs = index.logs();
    assert.deepEqual(logs.slice(0, 20), expected(1, 20));
    assert.equal(logs[20], `${big}\n`, 'the 16 KiB parts are one record');
    const [item] = index.documents.values();
    assert.equal(item.op, 'create');
    assert.equal(item.index, 'logstash-2026.01.02');
    assert.deepEqual(item.document['kubernetes'], {
      namespace_name: 'default',
      pod_name: 'web',
      container_name: 'app',
      host: 'node-a',
      pod_id: UID,
      container_image: 'busybox:1.36',
      labels: { 'app_kubernetes_io/name': 'web' },
    });
    assert.deepEqual(item.document['docker'], { container_id: CONTAINER_ID });
    assert.match(item.document['@timestamp'] as string, /^2026-01-02T03:04:05\.\d{9}Z$/);
    const json = [...index.documents.values()].find((i) => i.document['json']);
    assert.deepEqual(json?.document['json'], { level: 'warn', msg: 'json line' });
    const broken = [...index.documents.values()].find((i) => i.document['kubenest']);
    assert.equal(broken?.document['log'], '{"log":"torn\n');
    assert.match((broken?.document['kubenest'] as { parse_error: string }).parse_error, /not JSON/);
  });

  it('during an engine outage fills the buffer to its cap, then stops reading without advancing positions; all lines arrive once after', async () => {
    const index = new IndexDouble();
    index.outage();
    const { metrics } = await start(index, { bufferLimitBytes: 16 * 1024, chunkLimitBytes: 2048 });
    writeLines(1, 2000);
    const fileBytes = statSync(dockerLog).size;
    const read = async () => (await metrics.bytesRead.get()).values[0]?.value ?? 0;
    const buffered = async () => (await metrics.bufferBytes.get()).values[0]?.value ?? 0;
    let settled = -1;
    await until('reading to stop at the buffer cap', () => {
      void read().then((bytes) => (settled = bytes));
      return settled > 0 && existsPositions();
    });
    await sleep(500);
    const readWhileFull = await read();
    assert.ok(readWhileFull < fileBytes, `reading paused (${readWhileFull} of ${fileBytes} bytes read)`);
    assert.ok((await buffered()) >= 16 * 1024, 'the buffer reached its cap');
    const positions = JSON.parse(readFileSync(join(config.stateDir, 'containers.pos'), 'utf8')) as {
      files: Record<string, { offset: number }>;
    };
    const [position] = Object.values(positions.files);
    assert.ok(position.offset <= readWhileFull, 'the position never passes what the buffer holds');
    assert.equal(index.documents.size, 0);
    index.recover();
    await until('all 2000 lines', () => index.documents.size === 2000, 60_000);
    assert.deepEqual(index.logs().sort(), expected(1, 2000).sort());
  });

  it('keeps several chunks in delivery at once; chunks finished out of order or failed are removed or retried on their own', async () => {
    const held = new HeldIndex();
    const { metrics } = await start(held, { shipConcurrency: 3, chunkLimitBytes: 2048 });
    writeLines(1, 600);
    await until('3 chunks in delivery', () => held.held.length === 3);
    await sleep(200);
    assert.equal(held.mostAtOnce, 3, 'never more than shipConcurrency at once');
    const chunks = async () => (await metrics.bufferChunks.get()).values[0]?.value ?? 0;
    const before = await chunks();
    const newest = held.held[2].items.map((i) => i.id);
    held.settle(2); // the newest in flight finishes first
    held.settle(0, false); // the oldest fails: it stays buffered and is sent again
    await until('the newest chunk delivered', () => newest.every((id) => held.index.documents.has(id)));
    let after = before;
    await until('the delivered chunk removed', () => {
      void chunks().then((n) => (after = n));
      return after < before;
    });
    // From here on every delivery succeeds, in whatever order the senders started them.
    while (held.index.documents.size < 600) {
      if (held.held.length > 0) held.settle(held.held.length - 1);
      await sleep(5);
    }
    await until('the buffer empty', () => {
      void chunks().then((n) => (after = n));
      return after === 0;
    });
    assert.deepEqual(held.index.logs().sort(), expected(1, 600).sort());
    assert.equal(held.index.duplicates, 0);
    assert.equal(held.mostAtOnce, 3);
  });

  it('a restart in the middle (chunks buffered, lines unread) loses and duplicates nothing', async () => {
    const index = new IndexDouble();
    index.outage();
    const first = await start(index, { bufferLimitBytes: 8 * 1024, chunkLimitBytes: 2048 });
    writeLines(1, 1000);
    await until('chunks on disk', () => existsPositions());
    await sleep(200);
    await first.shipper.stop();
    shippers.splice(shippers.indexOf(first.shipper), 1);
    writeLines(1001, 1200);
    index.recover();
    await start(index);
    await until('all 1200 lines', () => index.documents.size === 1200, 60_000);
    assert.deepEqual(index.logs().sort(), expected(1, 1200).sort());
  });

  it('when the pod is gone (its link removed) reads the file to its end and ships the record still held', async () => {
    const index = new IndexDouble();
    await start(index);
    writeLines(1, 5);
    await until('5 lines', () => index.documents.size === 5);
    appendFileSync(dockerLog, jsonFileLine('6 before the container died, without a newline'));
    await sleep(300);
    assert.equal(index.documents.size, 5, 'a partial line waits for its end');
    await new ContainerLogLinks(config.logDir).sync([]); // the runtime has no container of the pod left
    await until('the held line', () => index.documents.size === 6);
    assert.ok(index.logs().includes('6 before the container died, without a newline'));
  });

  function existsPositions(): boolean {
    try {
      return statSync(join(config.stateDir, 'containers.pos')).size > 0;
    } catch {
      return false;
    }
  }
});
