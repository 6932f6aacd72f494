import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ApiError, parseLabelSelector } from '#api';
import { encodeCursor, parseLogQuerySpec } from './log-query-spec.js';
import { combineQueries, selectorToLucene } from './selector-to-lucene.js';

const NOW = new Date('2025-01-01T12:00:00Z');

it('decodes a LogQuery spec into filters, a time bound, a limit and a cursor', () => {
  const cursor = encodeCursor({ timestamp: '2025-01-01T11:59:00.123456789Z', ids: ['a', 'b'] });
  const parsed = parseLogQuerySpec(
    {
      query: 'stream:"stderr"',
      namespace: 'shop',
      pod: 'web-1',
      container: 'web',
      sinceSeconds: 3600,
      limit: 5,
      after: cursor,
    },
    NOW,
  );
  assert.equal(parsed.query, 'stream:"stderr"');
  assert.deepEqual(parsed.filters, {
    'kubernetes.namespace_name': 'shop',
    'kubernetes.pod_name': 'web-1',
    'kubernetes.container_name': 'web',
  });
  assert.deepEqual(parsed.since, new Date('2025-01-01T11:00:00Z'));
  assert.equal(parsed.limit, 5);
  assert.deepEqual(parsed.after, { timestamp: '2025-01-01T11:59:00.123456789Z', ids: ['a', 'b'] });
  assert.equal(parseLogQuerySpec({}, NOW).limit, 100);
});

it('refuses bad fields with one 422 cause each', () => {
  let error: unknown;
  try {
    parseLogQuerySpec(
      { limit: 0, sinceSeconds: -1, labelSelector: 'a in (', after: 'junk', colour: 'red', query: 3 },
      NOW,
    );
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 422);
  for (const field of [
    'spec.limit',
    'spec.sinceSeconds',
    'spec.labelSelector',
    'spec.after',
    'spec.colour',
    'spec.query',
  ])
    assert.match(error.message, new RegExp(field.replace('.', '\\.')));
  assert.throws(() => parseLogQuerySpec({ sinceSeconds: 5, sinceTime: '2025-01-01T00:00:00Z' }, NOW), /at most one of/);
  assert.throws(() => parseLogQuerySpec(undefined, NOW), /spec: Required value/);
});

it('turns a label selector into Lucene over the de-dotted kubernetes.labels fields', () => {
  assert.equal(
    selectorToLucene(parseLabelSelector('app=web,tier in (a,b),!canary,app.kubernetes.io/name!=x,release')),
    'kubernetes.labels.app:"web" AND NOT kubernetes.labels.app_kubernetes_io\\/name:"x" AND NOT _exists_:kubernetes.labels.canary AND ' +
      '_exists_:kubernetes.labels.release AND kubernetes.labels.tier:("a" OR "b")',
  );
  assert.equal(selectorToLucene(parseLabelSelector('')), '');
});

it('combines the user query and the selector so an OR keeps its meaning', () => {
  assert.equal(combineQueries('a OR b', 'kubernetes.labels.app:"web"'), '(a OR b) AND (kubernetes.labels.app:"web")');
  assert.equal(combineQueries('*', ''), '');
  assert.equal(combineQueries('', 'x:1'), 'x:1');
});
