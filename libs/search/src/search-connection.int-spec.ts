import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventEmitter, once } from 'node:events';
import { Registry } from 'prom-client';
import { freePort, OutageRelay, searchEngineUnavailable, useTestSearchEngine } from '#testing';
import { searchFromEnv } from './search-from-env.js';
import { SinkRequestError, type DeliveryReport } from './sink.js';

describe('searchFromEnv while the engine is unreachable', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();

  it('starts at once, holds a delivery until the engine comes, then installs the templates and delivers once', async () => {
    const relay = new OutageRelay(new URL(engine.url));
    // A port nothing listens on until relay.up(): connections are refused, as with an engine that is down.
    relay.port = await freePort();
    const prefix = engine.prefix();
    const registry = new Registry();
    const logged = new EventEmitter();
    const pipeline = searchFromEnv({
      pipeline: 'logs',
      env: { ELASTICSEARCH_URL: `http://127.0.0.1:${relay.port}`, KUBENEST_INDEX_PREFIX: prefix },
      registry,
      logger: { info: (o, m) => logged.emit('info', o, m), warn: (o, m) => logged.emit('warn', o, m) },
      // Short waits between attempts so the test does not idle; the default starts at 1 s.
      connection: { backoff: { baseDelayMs: 50, maxDelayMs: 500 } },
    });
    assert.ok(pipeline);
    const connected = async () =>
      (await registry.getSingleMetric('kubenest_search_connected')!.get()).values.find(
        (v) => v.labels['pipeline'] === 'logs',
      )?.value;
    try {
      const index = `${prefix}logstash-2026.03.04`;
      const documents = ['one', 'two', 'three'].map((log, i) => ({
        index,
        id: `doc-${i}`,
        op: 'create' as const,
        document: { '@timestamp': `2026-03-04T10:00:0${i}.123456789Z`, log },
      }));
      let report: DeliveryReport | undefined;
      const delivering = pipeline.delivery.deliver(documents).then((r) => (report = r));

      // The first attempt is refused and logged; the delivery waits and search says why, retryably.
      const [failure] = (await once(logged, 'warn')) as [{ err: string }];
      assert.match(failure.err, /ECONNREFUSED/);
      await assert.rejects(pipeline.sink.search({ index: `${prefix}logstash-*` }), (error: unknown) => {
        assert.ok(error instanceof SinkRequestError);
        assert.equal(error.retryable, true);
        assert.match(error.message, /not connected to the search engine at .*ECONNREFUSED/);
        return true;
      });
      assert.equal(report, undefined);
      assert.equal(await connected(), 0);

      await relay.up();
      await delivering;
      assert.deepEqual(report, { delivered: 3, duplicates: 0, deadLettered: 0 });
      assert.equal(await connected(), 1);

      // Sent again (a shipper's retry after a restart): already there, nothing doubled.
      assert.deepEqual(await pipeline.delivery.deliver(documents), { delivered: 0, duplicates: 3, deadLettered: 0 });
      await fetch(`${engine.url}/${prefix}logstash-*/_refresh`, { method: 'POST' });
      const found = await pipeline.sink.search({ index: `${prefix}logstash-*`, order: 'asc' });
      assert.equal(found.total, 3);
      assert.deepEqual(
        found.hits.map((h) => h.source['log']),
        ['one', 'two', 'three'],
      );

      // The templates were installed before the documents: the logs index has kubenest's mapping.
      const templates = (await (await fetch(`${engine.url}/_index_template/${prefix}kubenest-*`)).json()) as {
        index_templates: { name: string; index_template: { index_patterns: string[] } }[];
      };
      assert.deepEqual(templates.index_templates.map((t) => t.name).sort(), [
        `${prefix}kubenest-deadletter`,
        `${prefix}kubenest-events`,
        `${prefix}kubenest-logs`,
        `${prefix}kubenest-metrics`,
      ]);
      const mapping = (await (await fetch(`${engine.url}/${index}/_mapping`)).json()) as Record<
        string,
        { mappings: { properties: Record<string, { type?: string }> } }
      >;
      assert.equal(mapping[index].mappings.properties['@timestamp'].type, 'date_nanos');
    } finally {
      await pipeline.sink.close();
      await relay.down();
    }
  });
});
