import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchEngineUnavailable, useTestSearchEngine } from '#testing';
import { Registry } from 'prom-client';
import { createSink, detectEngine } from './create-sink.js';
import { prefixedIndexNaming } from './index-names.js';
import { searchFromEnv } from './search-from-env.js';
import { SinkRequestError } from './sink.js';

describe('createSink on a real OpenSearch', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();

  it('detects OpenSearch from GET / and returns its backend', async () => {
    assert.equal(await detectEngine({ url: engine.url }), 'opensearch');
    const sink = await createSink({ url: engine.url });
    assert.equal(sink.engine, 'opensearch');
    await sink.close();
  });

  it('takes the configured engine without asking the cluster', async () => {
    const sink = await createSink({ url: 'http://127.0.0.1:9', engine: 'elasticsearch' });
    assert.equal(sink.engine, 'elasticsearch');
    await sink.close();
  });
});

// Elasticsearch cannot be downloaded here: a loopback HTTP server answers GET / and _bulk the
// way Elasticsearch 9 does (its root body and x-elastic-product header), and records the
// credentials each client sends.
describe('createSink on an Elasticsearch stand-in', () => {
  let server: Server;
  let url: string;
  const seen: IncomingHttpHeaders[] = [];
  before(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      response.setHeader('x-elastic-product', 'Elasticsearch');
      response.setHeader('content-type', 'application/json');
      if (request.url === '/') {
        response.end(
          JSON.stringify({
            name: 'es-1',
            cluster_name: 'prod',
            version: { number: '9.1.0', build_flavor: 'default', lucene_version: '10.2.2' },
            tagline: 'You Know, for Search',
          }),
        );
      } else {
        response.end(JSON.stringify({ errors: false, took: 1, items: [{ create: { _id: 'a', status: 201 } }] }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const bulkOne = [{ index: 'logstash-2026.03.04', id: 'a', op: 'create' as const, document: { log: 'x' } }];

  it('detects Elasticsearch and sends the API key on every request', async () => {
    seen.length = 0;
    const sink = await createSink({ url, apiKey: 'aWQ6c2VjcmV0' });
    assert.equal(sink.engine, 'elasticsearch');
    assert.deepEqual(await sink.bulk(bulkOne), [{ status: 201 }]);
    await sink.close();
    assert.equal(seen.length, 2);
    for (const headers of seen) assert.equal(headers.authorization, 'ApiKey aWQ6c2VjcmV0');
  });

  it('sends basic credentials when a username and password are given', async () => {
    seen.length = 0;
    const sink = await createSink({ url, username: 'elastic', password: 's3cret' });
    await sink.bulk(bulkOne);
    await sink.close();
    const basic = `Basic ${Buffer.from('elastic:s3cret').toString('base64')}`;
    assert.deepEqual(
      seen.map((h) => h.authorization),
      [basic, basic],
    );
  });

  it('refuses a password without a username, and a CA file it cannot read, before any request', async () => {
    await assert.rejects(createSink({ url, password: 'x' }), /password was given without a username/);
    const missing = join(mkdtempSync(join(tmpdir(), 'kubenest-ca-')), 'ca.pem');
    await assert.rejects(createSink({ url, caFile: missing }), /cannot read the search engine's CA file .*ca\.pem/);
    writeFileSync(missing, 'not a certificate');
    await assert.rejects(createSink({ url: url.replace('http:', 'https:'), caFile: missing }), SinkRequestError);
  });

  it('says which cluster it could not reach, as a retryable error', async () => {
    await assert.rejects(detectEngine({ url: 'http://127.0.0.1:9' }), (error) => {
      assert.ok(error instanceof SinkRequestError);
      assert.equal(error.retryable, true);
      assert.match(error.message, /detecting the search engine at http:\/\/127\.0\.0\.1:9 .*ECONNREFUSED/);
      return true;
    });
  });
});

describe('searchFromEnv on a real OpenSearch', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();

  it('is undefined without ELASTICSEARCH_URL, and otherwise installs the templates and delivers', async () => {
    assert.equal(searchFromEnv({ pipeline: 'logs', env: {} }), undefined);
    const prefix = engine.prefix();
    const naming = prefixedIndexNaming(prefix);
    const pipeline = searchFromEnv({
      pipeline: 'logs',
      env: { ELASTICSEARCH_URL: engine.url },
      naming,
      templateNamePrefix: prefix,
      registry: new Registry(),
    });
    assert.ok(pipeline);
    try {
      await pipeline.sink.connected();
      assert.equal(pipeline.sink.engine, 'opensearch');
      const templates = (await (await fetch(`${engine.url}/_index_template/${prefix}kubenest-*`)).json()) as {
        index_templates: { name: string; index_template: { index_patterns: string[] } }[];
      };
      const logs = templates.index_templates.find((t) => t.index_template.index_patterns[0] === `${naming.logs}-*`);
      assert.equal(logs?.name, `${prefix}kubenest-logs`);
      const index = `${naming.logs}-2026.03.04`;
      const report = await pipeline.delivery.deliver([
        { index, id: '1', op: 'create', document: { '@timestamp': '2026-03-04T10:00:00Z', log: 'hello' } },
      ]);
      assert.deepEqual(report, { delivered: 1, duplicates: 0, deadLettered: 0 });
    } finally {
      await pipeline.sink.close();
      await fetch(`${engine.url}/_index_template/${prefix}kubenest-*`, { method: 'DELETE' });
    }
  });
});
