import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import MockModule, { type MockPattern } from '@elastic/elasticsearch-mock';
import { Registry } from 'prom-client';
import { BulkDelivery } from './bulk-delivery.js';
import { ElasticsearchSink } from './elasticsearch-sink.js';
import type { ClientOptions } from '@elastic/elasticsearch';
import { SinkRequestError, type BulkItem } from './sink.js';

// Elasticsearch cannot be downloaded on the machines kubenest is built on, so these tests run
// the official client against @elastic/elasticsearch-mock, which answers its requests in
// process: they pin the request and response shapes of the Elasticsearch backend. The same
// pipeline runs against a real OpenSearch in the *.int-spec.ts files beside this one.

// The mock is CommonJS and recognises only the CommonJS build's error classes.
const { errors } = createRequire(import.meta.url)('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
const Mock = MockModule as unknown as typeof MockModule.default;
type Mock = InstanceType<typeof Mock>;
type ElasticsearchConnection = NonNullable<ClientOptions['Connection']>;

/** The mock sends fixed headers; this adds Retry-After to its 429s, as Elasticsearch does when it sheds load. */
function sinkOn(mock: Mock, retryAfter?: string): ElasticsearchSink {
  // getConnection() makes a new class each call, so patching its prototype stays local to this sink.
  const MockConnection = mock.getConnection();
  const request = MockConnection.prototype.request;
  MockConnection.prototype.request = async function (this: unknown, ...args: Parameters<typeof request>) {
    const response = await request.apply(this, args);
    if (response.statusCode === 429 && retryAfter) response.headers['retry-after'] = retryAfter;
    return response;
  } as typeof request;
  // The mock connection leaves close() to subclasses; nothing is open.
  MockConnection.prototype.close = async () => {};
  return ElasticsearchSink.fromOptions(
    { url: 'http://127.0.0.1:9200' },
    // The mock extends the CommonJS build's BaseConnection; the client is the ESM build: same class at run time.
    { Connection: MockConnection as unknown as ElasticsearchConnection },
  );
}

const items: BulkItem[] = [
  { index: 'logstash-2026.03.04', id: 'a', op: 'create', document: { log: 'one' } },
  { index: 'logstash-2026.03.04', id: 'b', op: 'create', document: { log: 'two' } },
  { index: 'kubenest-events-2026.03.04', id: 'c', op: 'index', document: { reason: 'Pulled', count: 2 } },
  { index: 'logstash-2026.03.04', id: 'd', op: 'create', document: { json: { user: { name: 'bob' } } } },
];

describe('ElasticsearchSink (on @elastic/elasticsearch-mock)', () => {
  it('sends a bulk of create/index actions and reads a partial failure item by item', async () => {
    const mock = new Mock();
    let sent: unknown;
    mock.add({ method: 'POST', path: '/_bulk' }, (params: MockPattern) => {
      sent = params.body;
      return {
        took: 3,
        errors: true,
        items: [
          { create: { _index: 'logstash-2026.03.04', _id: 'a', status: 201, result: 'created' } },
          {
            create: {
              _index: 'logstash-2026.03.04',
              _id: 'b',
              status: 409,
              error: {
                type: 'version_conflict_engine_exception',
                reason: '[b]: version conflict, document already exists',
              },
            },
          },
          { index: { _index: 'kubenest-events-2026.03.04', _id: 'c', status: 200, result: 'updated' } },
          {
            create: {
              _index: 'logstash-2026.03.04',
              _id: 'd',
              status: 400,
              error: {
                type: 'document_parsing_exception',
                reason: '[1:9] failed to parse field [json.user] of type [keyword]',
                caused_by: { type: 'illegal_state_exception', reason: "Can't get text on a START_OBJECT at 1:9" },
              },
            },
          },
        ],
      };
    });
    const sink = sinkOn(mock);
    const results = await sink.bulk(items);
    assert.deepEqual(sent, [
      { create: { _index: 'logstash-2026.03.04', _id: 'a' } },
      { log: 'one' },
      { create: { _index: 'logstash-2026.03.04', _id: 'b' } },
      { log: 'two' },
      { index: { _index: 'kubenest-events-2026.03.04', _id: 'c' } },
      { reason: 'Pulled', count: 2 },
      { create: { _index: 'logstash-2026.03.04', _id: 'd' } },
      { json: { user: { name: 'bob' } } },
    ]);
    assert.deepEqual(results, [
      { status: 201 },
      {
        status: 409,
        error: { type: 'version_conflict_engine_exception', reason: '[b]: version conflict, document already exists' },
      },
      { status: 200 },
      {
        status: 400,
        error: {
          type: 'document_parsing_exception',
          reason: "[1:9] failed to parse field [json.user] of type [keyword]: Can't get text on a START_OBJECT at 1:9",
        },
      },
    ]);
    await sink.close();
  });

  it('turns a 429 with Retry-After into a retryable error that carries the wait', async () => {
    const mock = new Mock();
    mock.add(
      { method: 'POST', path: '/_bulk' },
      () =>
        new errors.ResponseError({
          statusCode: 429,
          body: {
            error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of bulk' },
            status: 429,
          },
          headers: {},
          warnings: null,
          meta: {} as never,
        }),
    );
    const sink = sinkOn(mock, '7');
    await assert.rejects(sink.bulk(items), (error) => {
      assert.ok(error instanceof SinkRequestError);
      assert.equal(error.statusCode, 429);
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, 7_000);
      assert.match(error.message, /HTTP 429: rejected execution of bulk/);
      return true;
    });
  });

  it('tells retryable failures (5xx, connection) from requests that will never succeed (400, 401)', async () => {
    const cases: [number, boolean][] = [
      [503, true],
      [502, true],
      [400, false],
      [401, false],
    ];
    for (const [statusCode, retryable] of cases) {
      const mock = new Mock();
      mock.add(
        { method: 'POST', path: '/_bulk' },
        () =>
          new errors.ResponseError({
            statusCode,
            body: { error: { type: 'x', reason: `status ${statusCode}` }, status: statusCode },
            headers: {},
            warnings: null,
            meta: {} as never,
          }),
      );
      await assert.rejects(sinkOn(mock).bulk(items), (error) => {
        assert.ok(error instanceof SinkRequestError);
        assert.deepEqual([error.statusCode, error.retryable], [statusCode, retryable]);
        return true;
      });
    }
    const down = new Mock();
    down.add(
      { method: 'POST', path: '/_bulk' },
      () => new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'),
    );
    await assert.rejects(sinkOn(down).bulk(items), (error) => {
      assert.ok(error instanceof SinkRequestError);
      assert.deepEqual([error.statusCode, error.retryable], [undefined, true]);
      return true;
    });
  });

  it('installs a composable index template in the shape PUT /_index_template takes', async () => {
    const mock = new Mock();
    let sent: unknown;
    mock.add({ method: 'PUT', path: '/_index_template/kubenest-logs' }, (params: MockPattern) => {
      sent = params.body;
      return { acknowledged: true };
    });
    await sinkOn(mock).putIndexTemplate('kubenest-logs', {
      indexPatterns: ['logs-kubenest'],
      priority: 200,
      dataStream: true,
      settings: { number_of_shards: 1 },
      mappings: { properties: { '@timestamp': { type: 'date_nanos' } } },
    });
    assert.deepEqual(sent, {
      index_patterns: ['logs-kubenest'],
      priority: 200,
      data_stream: {},
      template: {
        settings: { number_of_shards: 1 },
        mappings: { properties: { '@timestamp': { type: 'date_nanos' } } },
      },
    });
  });

  it('searches with query_string, term filters, a time range and search_after, and reads exact timestamps back', async () => {
    const mock = new Mock();
    let sent: Record<string, unknown> | undefined;
    mock.add({ method: 'POST', path: '/:index/_search' }, (params: MockPattern) => {
      sent = params.body as Record<string, unknown>;
      return {
        took: 1,
        timed_out: false,
        hits: {
          total: { value: 42, relation: 'eq' },
          hits: [
            {
              _index: 'logstash-2026.03.04',
              _id: 'e4',
              _source: { log: 'failed' },
              sort: [1772618400000000000, 17],
              fields: { '@timestamp': ['2026-03-04T10:00:00.000000004Z'] },
            },
          ],
        },
      };
    });
    const response = await sinkOn(mock).search({
      index: 'logstash-*',
      query: 'log:failed',
      filters: { 'kubernetes.namespace_name': 'shop' },
      since: new Date('2026-03-04T00:00:00Z'),
      size: 1,
      searchAfter: ['2026-03-04T10:00:00.000000009Z', 3],
    });
    assert.deepEqual(response, {
      total: 42,
      hits: [
        {
          index: 'logstash-2026.03.04',
          id: 'e4',
          source: { log: 'failed' },
          sort: ['2026-03-04T10:00:00.000000004Z', 17],
        },
      ],
    });
    assert.deepEqual(sent?.query, {
      bool: {
        must: [{ query_string: { query: 'log:failed', analyze_wildcard: true } }],
        filter: [
          { term: { 'kubernetes.namespace_name': 'shop' } },
          { range: { '@timestamp': { gte: '2026-03-04T00:00:00.000Z', format: 'strict_date_optional_time_nanos' } } },
        ],
      },
    });
    assert.deepEqual(sent?.search_after, ['2026-03-04T10:00:00.000000009Z', 3]);
    assert.equal(sent?.size, 1);
    assert.deepEqual(
      (sent?.sort as Record<string, { order: string }>[]).map((s) => Object.values(s)[0].order),
      ['desc', 'desc'],
    );
  });

  it('gets a whole pipeline through a 429 with Retry-After and a partial failure: BulkDelivery on this sink', async () => {
    const mock = new Mock();
    const calls: unknown[][] = [];
    mock.add({ method: 'POST', path: '/_bulk' }, (params: MockPattern) => {
      calls.push(params.body as unknown[]);
      if (calls.length === 1) {
        return new errors.ResponseError({
          statusCode: 429,
          body: { error: { type: 'es_rejected_execution_exception', reason: 'queue full' }, status: 429 },
          headers: {},
          warnings: null,
          meta: {} as never,
        });
      }
      const actions = (params.body as Record<string, { _index: string; _id: string }>[]).filter((_, i) => i % 2 === 0);
      return {
        errors: true,
        items: actions.map((action) => {
          const [op, meta] = Object.entries(action)[0];
          const status = calls.length === 2 && meta._id === 'b' ? 503 : op === 'create' ? 201 : 200;
          return {
            [op]: {
              ...meta,
              status,
              ...(status === 503 ? { error: { type: 'unavailable', reason: 'no shard' } } : {}),
            },
          };
        }),
      };
    });
    const waits: number[] = [];
    const delivery = new BulkDelivery({
      sink: sinkOn(mock, '2'),
      pipeline: 'logs',
      registry: new Registry(),
      random: () => 0,
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    const report = await delivery.deliver(items.slice(0, 3));
    assert.deepEqual(report, { delivered: 3, duplicates: 0, deadLettered: 0 });
    assert.deepEqual(waits, [2_000, 0]);
    assert.deepEqual(calls[2], [{ create: { _index: 'logstash-2026.03.04', _id: 'b' } }, { log: 'two' }]);
  });
});
