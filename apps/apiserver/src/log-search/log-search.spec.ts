import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError } from '#api';
import { SinkRequestError, type SearchRequest, type SearchResponse, type SearchSink } from '#search';
import { LogSearch } from './log-search.js';

// A unit test of the translation between a LogQuery and a SearchRequest, with a recording
// SearchSink in place of the engine; the real engine answers in test/e2e/log-search.e2e.ts.
function recordingSink(answer: () => Promise<SearchResponse>): SearchSink & { requests: SearchRequest[] } {
  const requests: SearchRequest[] = [];
  return {
    engine: 'opensearch',
    requests,
    bulk: () => Promise.reject(new Error('not used')),
    putIndexTemplate: () => Promise.reject(new Error('not used')),
    search: (request) => (requests.push(request), answer()),
    close: () => Promise.resolve(),
  };
}

const query = (spec: Record<string, unknown>) => ({
  apiVersion: 'logging.kubenest.io/v1alpha1',
  kind: 'LogQuery',
  spec,
});

it('asks for the newest lines first, with the selector folded into the query, and returns a cursor', async () => {
  const sink = recordingSink(async () => ({
    total: 2,
    hits: [
      {
        index: 'logstash-x',
        id: '2',
        sort: ['t2', 2],
        source: { '@timestamp': 't2', log: 'two', stream: 'stdout', kubernetes: { pod_name: 'p' } },
      },
      { index: 'logstash-x', id: '1', sort: ['t1', 1], source: { '@timestamp': 't1', log: 'one' } },
    ],
  }));
  const answer = (await new LogSearch({ sink, logsIndexPattern: 'logstash-*' }).create(
    query({ query: 'error', labelSelector: 'app=web', namespace: 'default', limit: 2 }),
  )) as unknown as { status: { total: number; cursor: string; entries: { log: string; pod?: string }[] } };
  assert.deepEqual(sink.requests[0], {
    index: 'logstash-*',
    query: '(error) AND (kubernetes.labels.app:"web")',
    filters: { 'kubernetes.namespace_name': 'default' },
    since: undefined,
    size: 2,
    order: 'desc',
    searchAfter: undefined,
  });
  assert.deepEqual(
    answer.status.entries.map((e) => e.log),
    ['two', 'one'],
  );
  assert.equal(answer.status.entries[0].pod, 'p');
  // Following asks from the newest timestamp inclusive, oldest first, and leaves out what was given.
  const following = recordingSink(async () => ({
    total: 3,
    hits: [
      { index: 'l', id: '2', sort: ['t2', 0], source: { log: 'two again' } },
      { index: 'l', id: '3', sort: ['t2', 1], source: { log: 'three, same time' } },
      { index: 'l', id: '4', sort: ['t3', 0], source: { log: 'four' } },
    ],
  }));
  const next = (await new LogSearch({ sink: following, logsIndexPattern: 'logstash-*' }).create(
    query({ after: answer.status.cursor, limit: 2 }),
  )) as unknown as typeof answer;
  assert.deepEqual(following.requests[0].searchAfter, ['t2', -1]);
  assert.equal(following.requests[0].order, 'asc');
  assert.equal(following.requests[0].size, 3, 'the limit plus the one line already given at t2');
  assert.deepEqual(
    next.status.entries.map((e) => e.log),
    ['three, same time', 'four'],
  );
  // Nothing newer: the cursor stays where it was.
  const idle = recordingSink(async () => ({ total: 0, hits: [] }));
  const same = (await new LogSearch({ sink: idle, logsIndexPattern: 'l' }).create(
    query({ after: next.status.cursor }),
  )) as unknown as typeof answer;
  assert.equal(same.status.cursor, next.status.cursor);
});

it("turns the engine's 400 into a 400 Status with its reason, and other failures into 503", async () => {
  const rejecting = (error: Error) =>
    new LogSearch({ sink: recordingSink(() => Promise.reject(error)), logsIndexPattern: 'l-*' }).create(
      query({ query: 'a:(' }),
    );
  await assert.rejects(
    rejecting(new SinkRequestError('search in l-* failed with HTTP 400: Failed to parse query [a:(]', 400, false)),
    (e: unknown) =>
      e instanceof ApiError && e.code === 400 && e.message === 'invalid log query: Failed to parse query [a:(]',
  );
  await assert.rejects(
    rejecting(new SinkRequestError('search failed: connect ECONNREFUSED', undefined, true)),
    (e: unknown) => e instanceof ApiError && e.code === 503,
  );
});

it('says a search engine is needed when none is configured, and checks the body first', async () => {
  await assert.rejects(
    new LogSearch(undefined).create(query({})),
    (e: unknown) => e instanceof ApiError && e.code === 503 && /ELASTICSEARCH_URL/.test(e.message),
  );
  await assert.rejects(
    new LogSearch(undefined).create({ kind: 'Pod' }),
    (e: unknown) => e instanceof ApiError && e.code === 400,
  );
  await assert.rejects(
    new LogSearch(undefined).create(query({ limit: 'x' })),
    (e: unknown) => e instanceof ApiError && e.code === 422,
  );
});
