import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchEngineUnavailable, useTestSearchEngine } from '#testing';
import { dailyIndexName, prefixedIndexNaming } from './index-names.js';
import { installIndexTemplates } from './index-templates.js';
import { OpenSearchSink } from './opensearch-sink.js';
import { SinkRequestError, type BulkItem } from './sink.js';

// Against a real OpenSearch node (tools/opensearch), one per test run.
describe('OpenSearchSink', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();
  let sink: OpenSearchSink;
  before(() => {
    sink = OpenSearchSink.fromOptions({ url: engine.url });
  });
  after(() => sink?.close());

  const install = (prefix: string) =>
    installIndexTemplates(sink, { naming: prefixedIndexNaming(prefix), templateNamePrefix: prefix });
  const day = new Date('2026-03-04T10:00:00.123456Z');
  const line = (prefix: string, id: string, fields: Record<string, unknown>): BulkItem => ({
    index: dailyIndexName(`${prefix}logstash`, day),
    id,
    op: 'create',
    document: { '@timestamp': '2026-03-04T10:00:00.123456789Z', log: `line ${id}`, ...fields },
  });

  it('writes a bulk, answers 409 for a create of an id already written, and 400 for a mapping conflict', async () => {
    const prefix = engine.prefix();
    await install(prefix);
    const first = await sink.bulk([line(prefix, 'a', { json: { user: 'ann' } }), line(prefix, 'b', {})]);
    assert.deepEqual(
      first.map((r) => r.status),
      [201, 201],
    );

    const again = await sink.bulk([
      line(prefix, 'a', {}),
      // json.user was a value, now an object: the engine rejects this item alone.
      line(prefix, 'c', { json: { user: { name: 'bob' } } }),
      line(prefix, 'd', {}),
    ]);
    assert.equal(again[0].status, 409);
    assert.equal(again[0].error?.type, 'version_conflict_engine_exception');
    assert.equal(again[1].status, 400);
    assert.match(again[1].error?.type ?? '', /mapper_parsing_exception|document_parsing_exception/);
    assert.match(again[1].error?.reason ?? '', /json\.user/);
    assert.equal(again[2].status, 201);
  });

  it('applies the logs template to a new daily index: keyword kubernetes fields, text log with a keyword sub-field, date_nanos', async () => {
    const prefix = engine.prefix();
    await install(prefix);
    // Idempotent: installing again replaces the templates with the same ones.
    await install(prefix);
    const index = dailyIndexName(`${prefix}logstash`, day);
    await sink.bulk([
      line(prefix, 'x', {
        kubernetes: { namespace_name: 'shop', labels: { app: 'web', 'app_kubernetes_io/name': 'web' } },
      }),
    ]);
    // The flat field listing: one entry per full field path, with its mapping.
    const fields = (await (await fetch(`${engine.url}/${index}/_mapping/field/*`)).json()) as Record<
      string,
      { mappings: Record<string, { mapping: Record<string, { type: string }> }> }
    >;
    const typeOf = (path: string) => {
      const leaf = path.split('.').at(-1)!;
      return fields[index].mappings[path]?.mapping[leaf]?.type;
    };
    assert.equal(typeOf('@timestamp'), 'date_nanos');
    assert.equal(typeOf('log'), 'text');
    assert.equal(typeOf('log.keyword'), 'keyword');
    assert.equal(typeOf('kubernetes.namespace_name'), 'keyword');
    assert.equal(typeOf('kubernetes.labels.app'), 'keyword');
    assert.equal(typeOf('kubernetes.labels.app_kubernetes_io/name'), 'keyword');
    const settings = (await (await fetch(`${engine.url}/${index}/_settings`)).json()) as Record<
      string,
      { settings: { index: { auto_expand_replicas?: string } } }
    >;
    assert.equal(settings[index].settings.index.auto_expand_replicas, '0-1');
  });

  it('writes logs to a data stream when the template asks for one', async () => {
    const prefix = engine.prefix();
    const naming = prefixedIndexNaming(prefix);
    await installIndexTemplates(sink, { naming, templateNamePrefix: prefix, logsDataStream: true });
    const results = await sink.bulk([{ ...line(prefix, 'ds1', {}), index: naming.logs }]);
    assert.deepEqual(
      results.map((r) => r.status),
      [201],
    );
    const streams = (await (await fetch(`${engine.url}/_data_stream/${naming.logs}`)).json()) as {
      data_streams: { name: string; indices: { index_name: string }[] }[];
    };
    assert.equal(streams.data_streams[0].name, naming.logs);
    assert.match(streams.data_streams[0].indices[0].index_name, /^\.ds-/);
  });

  it('searches with query_string, term filters and a time range, newest first, paging with search_after', async () => {
    const prefix = engine.prefix();
    await install(prefix);
    const index = dailyIndexName(`${prefix}logstash`, day);
    const items: BulkItem[] = Array.from({ length: 7 }, (_, i) => ({
      index,
      id: `e${i}`,
      op: 'create',
      document: {
        // Nanoseconds apart: only date_nanos keeps them in order.
        '@timestamp': `2026-03-04T10:00:00.00000000${i}Z`,
        log: i % 2 === 0 ? `GET /checkout failed status=500 n=${i}` : `GET /health ok n=${i}`,
        kubernetes: { namespace_name: i < 6 ? 'shop' : 'other', pod_name: `web-${i}` },
      },
    }));
    items.push({ ...items[0], id: 'old', document: { ...items[0].document, '@timestamp': '2026-03-03T10:00:00Z' } });
    // Written newest first, so index order (_doc) is the reverse of time order.
    assert.ok((await sink.bulk(items.reverse())).every((r) => r.status === 201));
    await fetch(`${engine.url}/${index}/_refresh`, { method: 'POST' });

    const request = {
      index: `${prefix}logstash-*`,
      query: 'log:failed AND log:checkout',
      filters: { 'kubernetes.namespace_name': 'shop' },
      since: new Date('2026-03-04T00:00:00Z'),
      size: 2,
    };
    const page1 = await sink.search(request);
    assert.equal(page1.total, 3);
    assert.deepEqual(
      page1.hits.map((h) => h.id),
      ['e4', 'e2'],
    );
    const page2 = await sink.search({ ...request, searchAfter: page1.hits.at(-1)!.sort });
    assert.deepEqual(
      page2.hits.map((h) => h.id),
      ['e0'],
    );
    assert.equal(page2.hits[0].source.log, 'GET /checkout failed status=500 n=0');

    const ascending = await sink.search({ index: `${prefix}logstash-*`, query: '*', order: 'asc', size: 3 });
    assert.deepEqual(
      ascending.hits.map((h) => h.id),
      ['old', 'e0', 'e1'],
    );
  });

  it('says what is wrong with a query the engine cannot parse, as a non-retryable error', async () => {
    const prefix = engine.prefix();
    await sink.bulk([line(prefix, 'q', {})]);
    await assert.rejects(sink.search({ index: `${prefix}logstash-*`, query: 'log:(unclosed' }), (error) => {
      assert.ok(error instanceof SinkRequestError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.retryable, false);
      assert.match(error.message, /search in .*failed with HTTP 400/);
      return true;
    });
  });
});
