import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { backoffDelayMs } from './backoff.js';
import { BulkDelivery, type BulkDeliveryOptions } from './bulk-delivery.js';
import {
  SinkRequestError,
  type BulkItem,
  type BulkItemResult,
  type IndexTemplate,
  type SearchResponse,
  type SearchSink,
} from './sink.js';

// BulkDelivery's unit boundary is the SearchSink contract: a scripted sink answers each bulk
// call as told (a 503 for the second item only, a 429 with Retry-After, a 413), faults a real
// engine cannot be made to produce on demand. The same logic runs against a real OpenSearch in
// bulk-delivery.int-spec.ts.
type Answer = (items: BulkItem[]) => BulkItemResult[] | Error;

class ScriptedSink implements SearchSink {
  readonly engine = 'opensearch' as const;
  readonly calls: BulkItem[][] = [];
  constructor(private readonly answers: Answer[]) {}
  async bulk(items: BulkItem[]): Promise<BulkItemResult[]> {
    this.calls.push(items);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`unexpected bulk call #${this.calls.length}`);
    const result = answer(items);
    if (result instanceof Error) throw result;
    return result;
  }
  async putIndexTemplate(_name: string, _template: IndexTemplate): Promise<void> {}
  async search(): Promise<SearchResponse> {
    return { hits: [], total: 0 };
  }
  async close(): Promise<void> {}
}

const item = (id: string, op: BulkItem['op'] = 'create'): BulkItem => ({
  index: 'logstash-2026.03.04',
  id,
  op,
  document: { log: `line ${id}` },
});
const ok: Answer = (items) => items.map(() => ({ status: 201 }));
const ids = (items: BulkItem[]) => items.map((i) => i.id);

function delivery(sink: SearchSink, extra: Partial<BulkDeliveryOptions> = {}) {
  const waits: number[] = [];
  const registry = new Registry();
  const bulk = new BulkDelivery({
    sink,
    pipeline: 'logs',
    registry,
    now: () => new Date('2026-03-04T12:00:00Z'),
    random: () => 0.5,
    wait: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
    },
    ...extra,
  });
  const metric = async (name: string) =>
    (await registry.getSingleMetric(name)!.get()).values.find((v) => v.labels.pipeline === 'logs')?.value ?? 0;
  return { bulk, waits, metric };
}

describe('BulkDelivery', () => {
  it('resends only the failed items of a partial failure and counts 409 on create as a duplicate', async () => {
    const sink = new ScriptedSink([
      () => [
        { status: 201 },
        { status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary shard is not active' } },
        { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'document already exists' } },
        { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } },
      ],
      ok,
    ]);
    const { bulk, waits, metric } = delivery(sink);
    const report = await bulk.deliver([item('a'), item('b'), item('c'), item('d')]);
    assert.deepEqual(report, { delivered: 3, duplicates: 1, deadLettered: 0 });
    assert.deepEqual(ids(sink.calls[1]), ['b', 'd']);
    // Full jitter: half (random 0.5) of the first ceiling, 200 ms.
    assert.deepEqual(waits, [100]);
    assert.equal(await metric('kubenest_search_documents_delivered_total'), 3);
    assert.equal(await metric('kubenest_search_documents_duplicate_total'), 1);
    assert.equal(await metric('kubenest_search_documents_retried_total'), 2);
    assert.equal(await metric('kubenest_search_bulk_requests_in_flight'), 0);
  });

  it('writes a document rejected for good to the dead-letter index with the reason, the original index and the document as a string', async () => {
    const rejection = {
      type: 'mapper_parsing_exception',
      reason: 'failed to parse field [json.user] of type [keyword]',
    };
    const sink = new ScriptedSink([
      (items) => items.map((i) => (i.id === 'bad' ? { status: 400, error: rejection } : { status: 201 })),
      ok,
    ]);
    const { bulk, waits, metric } = delivery(sink, { deadLetterPrefix: 'dead' });
    const bad = { ...item('bad'), document: { json: { user: { name: 'bob' } } } };
    const report = await bulk.deliver([item('a'), bad]);

    assert.deepEqual(report, { delivered: 1, duplicates: 0, deadLettered: 1 });
    assert.deepEqual(waits, [], 'a dead letter is written at once, not after a backoff');
    const [letter] = sink.calls[1];
    assert.equal(letter.index, 'dead-2026.03.04');
    assert.equal(letter.op, 'create');
    assert.match(letter.id, /^[0-9a-f]{64}$/);
    assert.deepEqual(letter.document, {
      '@timestamp': '2026-03-04T12:00:00.000Z',
      status: 400,
      error_type: 'mapper_parsing_exception',
      reason: 'failed to parse field [json.user] of type [keyword]',
      original_index: 'logstash-2026.03.04',
      original_id: 'bad',
      document: '{"json":{"user":{"name":"bob"}}}',
    });
    assert.equal(await metric('kubenest_search_documents_dead_lettered_total'), 1);
  });

  it('counts a dead letter that already exists (409) once, and retries a dead letter that fails', async () => {
    const reject: Answer = () => [{ status: 400, error: { type: 'index_closed_exception', reason: 'closed' } }];
    const sink = new ScriptedSink([
      reject,
      () => [{ status: 503 }],
      () => [{ status: 409, error: { type: 'version_conflict_engine_exception', reason: 'exists' } }],
    ]);
    const { bulk, waits } = delivery(sink);
    assert.deepEqual(await bulk.deliver([item('x')]), { delivered: 0, duplicates: 0, deadLettered: 1 });
    assert.equal(sink.calls[1][0].id, sink.calls[2][0].id);
    assert.equal(waits.length, 1);
  });

  it('honours Retry-After on a 429 for the whole request, capped by maxDelayMs', async () => {
    const throttled = () => new SinkRequestError('bulk failed with HTTP 429', 429, true, 7_000);
    const tooLong = () => new SinkRequestError('bulk failed with HTTP 429', 429, true, 3_600_000);
    const sink = new ScriptedSink([throttled, tooLong, ok]);
    const { bulk, waits } = delivery(sink, { backoff: { baseDelayMs: 100, maxDelayMs: 60_000 } });
    assert.deepEqual(await bulk.deliver([item('a'), item('b')]), { delivered: 2, duplicates: 0, deadLettered: 0 });
    assert.deepEqual(waits, [7_000, 60_000]);
    assert.equal(sink.calls.length, 3);
  });

  it('backs off exponentially with full jitter on transport failures, up to the cap', async () => {
    const down = () => new SinkRequestError('connect ECONNREFUSED', undefined, true);
    const sink = new ScriptedSink([down, down, down, down, down, ok]);
    const { bulk, waits } = delivery(sink, { backoff: { baseDelayMs: 100, maxDelayMs: 1_000 }, random: () => 0.99 });
    await bulk.deliver([item('a')]);
    assert.deepEqual(waits, [99, 198, 396, 792, 990]);
  });

  it('splits a request rejected whole (413, or 400 for a document the client cannot send) until the culprit is dead-lettered', async () => {
    const sink = new ScriptedSink([
      () => new SinkRequestError('HTTP 413', 413, false),
      ok, // a, b
      () => new SinkRequestError('HTTP 400', 400, false), // c, d
      ok, // c
      () => new SinkRequestError('HTTP 400', 400, false), // d
      ok, // d's dead letter
    ]);
    const { bulk } = delivery(sink);
    const report = await bulk.deliver([item('a'), item('b'), item('c'), item('d')]);
    assert.deepEqual(report, { delivered: 3, duplicates: 0, deadLettered: 1 });
    assert.deepEqual(sink.calls.map(ids).slice(0, 5), [['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
    assert.equal(sink.calls[5][0].document.original_id, 'd');
    assert.equal(sink.calls[5][0].document.error_type, 'request_rejected');
  });

  it('keeps retrying an authentication failure rather than dead-lettering good documents', async () => {
    const denied = () => new SinkRequestError('HTTP 401', 401, false);
    const sink = new ScriptedSink([denied, denied, ok]);
    const { bulk, waits } = delivery(sink);
    assert.deepEqual(await bulk.deliver([item('a')]), { delivered: 1, duplicates: 0, deadLettered: 0 });
    assert.equal(waits.length, 2);
  });

  it('rejects when the signal aborts during a backoff, and sends nothing more', async () => {
    const controller = new AbortController();
    const sink = new ScriptedSink([() => new SinkRequestError('HTTP 503', 503, true), ok]);
    const bulk = new BulkDelivery({
      sink,
      pipeline: 'logs',
      registry: new Registry(),
      backoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      random: () => 1,
    });
    const delivering = bulk.deliver([item('a')], controller.signal);
    setImmediate(() => controller.abort());
    await assert.rejects(delivering, { name: 'AbortError' });
    assert.equal(sink.calls.length, 1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const sink = new ScriptedSink([]);
    const { bulk } = delivery(sink);
    await assert.rejects(bulk.deliver([item('a')], AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(sink.calls.length, 0);
  });
});

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 200, maxDelayMs: 5_000 };
  it('draws uniformly below a doubling ceiling, capped', () => {
    assert.equal(
      backoffDelayMs(0, policy, undefined, () => 0),
      0,
    );
    assert.equal(
      backoffDelayMs(0, policy, undefined, () => 0.5),
      100,
    );
    assert.equal(
      backoffDelayMs(3, policy, undefined, () => 0.5),
      800,
    );
    assert.equal(
      backoffDelayMs(40, policy, undefined, () => 0.5),
      2_500,
    );
  });
  it('takes Retry-After over the jitter, within the cap', () => {
    assert.equal(
      backoffDelayMs(0, policy, 1_500, () => 0),
      1_500,
    );
    assert.equal(
      backoffDelayMs(0, policy, 60_000, () => 0),
      5_000,
    );
  });
});
