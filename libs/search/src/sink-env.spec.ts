import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterMs } from './sink-errors.js';
import { sinkOptionsFromEnv } from './sink-env.js';

describe('sinkOptionsFromEnv', () => {
  it('is undefined when no engine is configured: the pipeline is off', () => {
    assert.equal(sinkOptionsFromEnv({}), undefined);
    assert.equal(sinkOptionsFromEnv({ ELASTICSEARCH_URL: '' }), undefined);
  });

  it('reads the URL, credentials, CA file and engine', () => {
    assert.deepEqual(
      sinkOptionsFromEnv({
        ELASTICSEARCH_URL: 'https://es.example.com:9200',
        ELASTICSEARCH_USERNAME: 'elastic',
        ELASTICSEARCH_PASSWORD: 'pw',
        ELASTICSEARCH_API_KEY: 'a2V5',
        ELASTICSEARCH_CA_FILE: '/etc/ssl/es-ca.pem',
        ELASTICSEARCH_ENGINE: 'elasticsearch',
      }),
      {
        url: 'https://es.example.com:9200',
        engine: 'elasticsearch',
        username: 'elastic',
        password: 'pw',
        apiKey: 'a2V5',
        caFile: '/etc/ssl/es-ca.pem',
      },
    );
    assert.equal(sinkOptionsFromEnv({ OPENSEARCH_URL: 'http://127.0.0.1:9201' })?.url, 'http://127.0.0.1:9201');
  });

  it('names the variable that is wrong', () => {
    assert.throws(() => sinkOptionsFromEnv({ ELASTICSEARCH_URL: 'es:9200' }), /ELASTICSEARCH_URL must be an http/);
    assert.throws(() => sinkOptionsFromEnv({ ELASTICSEARCH_URL: 'ftp://es' }), /ELASTICSEARCH_URL must be an http/);
    assert.throws(
      () => sinkOptionsFromEnv({ ELASTICSEARCH_URL: 'http://es:9200', ELASTICSEARCH_ENGINE: 'solr' }),
      /ELASTICSEARCH_ENGINE must be one of elasticsearch, opensearch, not "solr"/,
    );
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-04T12:00:00Z');
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    assert.equal(retryAfterMs('7', now), 7_000);
    assert.equal(retryAfterMs(['3'], now), 3_000);
    assert.equal(retryAfterMs('Wed, 04 Mar 2026 12:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Wed, 04 Mar 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });
});
