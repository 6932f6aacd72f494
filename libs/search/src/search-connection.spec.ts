import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { SearchConnection, type SearchConnectionOptions } from './search-connection.js';
import { searchFromEnv } from './search-from-env.js';
import { SinkRequestError, type BulkItem, type IndexTemplate, type SearchSink } from './sink.js';

// The connect/retry state machine's unit boundary is the SearchSink contract and the backend
// factory: a test double answers each connection attempt as scripted (refused, a 401, then up),
// which a real engine cannot be made to do on demand. search-connection.int-spec.ts runs the
// same machine against the real engine behind a relay that is down, then up.
class EngineDouble implements SearchSink {
  readonly engine = 'opensearch' as const;
  readonly templates: string[] = [];
  readonly bulks: BulkItem[][] = [];
  closed = false;
  constructor(private readonly templateFailure?: Error) {}
  async bulk(items: BulkItem[]) {
    this.bulks.push(items);
    return items.map(() => ({ status: 201 }));
  }
  async putIndexTemplate(name: string, _template: IndexTemplate) {
    if (this.templateFailure) throw this.templateFailure;
    this.templates.push(name);
  }
  async search() {
    return { hits: [], total: 0 };
  }
  async close() {
    this.closed = true;
  }
}

const refused = () => new SinkRequestError('detecting failed: connect ECONNREFUSED', undefined, true);

/** A connection whose attempts are answered in turn from `script`; every wait is recorded and released by hand. */
function scripted(script: (() => SearchSink | Error)[], extra: Partial<SearchConnectionOptions> = {}) {
  const logs: { level: string; message: string; object: Record<string, unknown> }[] = [];
  const waits: number[] = [];
  let release: (() => void) | undefined;
  const attempts = { count: 0 };
  const registry = new Registry();
  const connection = new SearchConnection({
    sinkOptions: { url: 'http://127.0.0.1:9' },
    pipeline: 'logs',
    registry,
    prepare: async (sink) => sink.putIndexTemplate('kubenest-logs', { indexPatterns: ['l-*'], mappings: {} }),
    logger: {
      info: (object, message) => logs.push({ level: 'info', message, object: object as Record<string, unknown> }),
      warn: (object, message) => logs.push({ level: 'warn', message, object: object as Record<string, unknown> }),
    },
    backoff: { baseDelayMs: 1_000, maxDelayMs: 4_000 },
    random: () => 0.999,
    createSink: async () => {
      const next = script[Math.min(attempts.count++, script.length - 1)]();
      if (next instanceof Error) throw next;
      return next;
    },
    wait: (ms, signal) => {
      waits.push(ms);
      return new Promise<void>((resolve, reject) => {
        release = resolve;
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
    ...extra,
  });
  const gauge = async () => (await registry.getSingleMetric('kubenest_search_connected')!.get()).values[0]?.value;
  /** Lets the machine run until it waits again (or connects). */
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const next = async () => {
    release?.();
    release = undefined;
    await settle();
  };
  return { connection, logs, waits, attempts, gauge, next, settle };
}

describe('SearchConnection', () => {
  it('retries with capped, jittered backoff, logs once per kind of failure, then connects and installs', async () => {
    const engine = new EngineDouble();
    const unauthorized = new SinkRequestError('GET / failed with HTTP 401: unauthorized', 401, false);
    const t = scripted([refused, refused, refused, refused, () => unauthorized, () => engine]);
    await t.settle();
    assert.equal(t.connection.isConnected, false);
    assert.equal(await t.gauge(), 0);
    await assert.rejects(
      t.connection.search({ index: 'l-*' }),
      (e: unknown) =>
        e instanceof SinkRequestError &&
        e.retryable &&
        /not connected to the search engine at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/.test(e.message),
    );
    for (let i = 0; i < 5; i++) await t.next();
    assert.equal(t.attempts.count, 6);
    // Doubling from 1 s, capped at 4 s, times the jitter draw.
    assert.deepEqual(t.waits, [999, 1998, 3996, 3996, 3996]);
    assert.deepEqual(
      t.logs.map((l) => [l.level, l.object['attempt'] ?? l.object['attempts'], l.object['err']]),
      [
        ['warn', 0, 'detecting failed: connect ECONNREFUSED'],
        ['warn', 4, 'GET / failed with HTTP 401: unauthorized'],
        ['info', 6, undefined],
      ],
    );
    assert.equal(t.connection.isConnected, true);
    assert.equal(await t.gauge(), 1);
    assert.deepEqual(engine.templates, ['kubenest-logs']);
    assert.deepEqual(await t.connection.search({ index: 'l-*' }), { hits: [], total: 0 });
  });

  it('counts a failed template installation as not connected, and closes that attempt', async () => {
    const broken = new EngineDouble(new SinkRequestError('put template failed with HTTP 503: busy', 503, true));
    const engine = new EngineDouble();
    const t = scripted([() => broken, () => engine]);
    await t.settle();
    assert.equal(t.connection.isConnected, false);
    assert.equal(broken.closed, true);
    await t.next();
    assert.equal(t.connection.isConnected, true);
    assert.deepEqual(engine.templates, ['kubenest-logs']);
  });

  it('lets a waiter give up with its signal, and close() ends the retries', async () => {
    const t = scripted([refused]);
    await t.settle();
    const abort = new AbortController();
    const waiting = t.connection.connected(abort.signal);
    abort.abort(new Error('shipper stopping'));
    await assert.rejects(waiting, /shipper stopping/);
    const forever = t.connection.connected();
    await t.connection.close();
    await assert.rejects(forever, /connection was closed/);
    const attempts = t.attempts.count;
    await t.next();
    assert.equal(t.attempts.count, attempts);
  });

  it('refuses at once a setting that can never work', () => {
    assert.throws(
      () => scripted([refused], { sinkOptions: { url: 'http://127.0.0.1:9', password: 'x' } }),
      /password was given without a username/,
    );
    assert.throws(
      () => scripted([refused], { sinkOptions: { url: 'https://127.0.0.1:9', caFile: '/nonexistent/ca.pem' } }),
      /cannot read the search engine's CA file/,
    );
  });
});

describe('searchFromEnv', () => {
  it('returns at once, and its delivery waits for the connection and then delivers', async () => {
    assert.equal(searchFromEnv({ pipeline: 'logs', env: {} }), undefined);
    const engine = new EngineDouble();
    let up = false;
    let release!: () => void;
    const pipeline = searchFromEnv({
      pipeline: 'logs',
      env: { ELASTICSEARCH_URL: 'http://127.0.0.1:9', KUBENEST_INDEX_PREFIX: 'p-' },
      templates: ['logs', 'events'],
      registry: new Registry(),
      connection: {
        createSink: async () => (up ? engine : Promise.reject(refused())),
        wait: () => new Promise<void>((resolve) => (release = resolve)),
      },
    });
    assert.ok(pipeline);
    assert.equal(pipeline.naming.logs, 'p-logstash');
    let report: unknown;
    const delivering = pipeline.delivery
      .deliver([{ index: 'p-logstash-2026.01.01', id: '1', op: 'create', document: {} }])
      .then((r) => (report = r));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(report, undefined);
    assert.equal(engine.bulks.length, 0);
    up = true;
    release();
    await delivering;
    assert.deepEqual(report, { delivered: 1, duplicates: 0, deadLettered: 0 });
    assert.deepEqual(engine.templates, ['p-kubenest-logs', 'p-kubenest-events']);
    await pipeline.sink.close();
  });
});
