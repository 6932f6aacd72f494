import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { searchEngineUnavailable, useTestSearchEngine } from '#testing';
import { BulkDelivery } from './bulk-delivery.js';
import { dailyIndexName, prefixedIndexNaming } from './index-names.js';
import { installIndexTemplates } from './index-templates.js';
import { OpenSearchSink } from './opensearch-sink.js';
import type { BulkItem } from './sink.js';

// BulkDelivery end to end against a real OpenSearch node, with real faults: a mapping
// conflict, a closed index, and connections reset by a loopback proxy in front of the engine.
describe('BulkDelivery on OpenSearch', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();
  let sink: OpenSearchSink;
  before(() => {
    sink = OpenSearchSink.fromOptions({ url: engine.url });
  });
  after(() => sink?.close());

  const now = new Date('2026-03-04T12:00:00Z');
  const count = async (index: string) =>
    ((await (await fetch(`${engine.url}/${index}/_count`)).json()) as { count: number }).count;
  const deadLettersIn = async (index: string) => {
    await fetch(`${engine.url}/${index}/_refresh`, { method: 'POST' });
    const body = (await (await fetch(`${engine.url}/${index}/_search`)).json()) as {
      hits: { hits: { _source: Record<string, string | number> }[] };
    };
    return body.hits.hits.map((hit) => hit._source);
  };
  const setUp = async () => {
    const prefix = engine.prefix();
    const naming = prefixedIndexNaming(prefix);
    await installIndexTemplates(sink, { naming, templateNamePrefix: prefix });
    const logs = dailyIndexName(naming.logs, now);
    const line = (id: string, json?: unknown): BulkItem => ({
      index: logs,
      id,
      op: 'create',
      document: { '@timestamp': now.toISOString(), log: `line ${id}`, ...(json ? { json } : {}) },
    });
    return { naming, logs, line, deadLetters: `${naming.deadLetter}-2026.03.04` };
  };
  const deliveryOn = (target: OpenSearchSink, deadLetterPrefix: string) =>
    new BulkDelivery({
      sink: target,
      pipeline: 'logs',
      deadLetterPrefix,
      registry: new Registry(),
      now: () => now,
      backoff: { baseDelayMs: 50, maxDelayMs: 500 },
    });

  it('delivers, dead-letters a mapping conflict with its reason, and counts a redelivery as duplicates', async () => {
    const { naming, logs, line, deadLetters } = await setUp();
    const delivery = deliveryOn(sink, naming.deadLetter);
    const batch = [line('a', { user: 'ann' }), line('b')];
    assert.deepEqual(await delivery.deliver(batch), { delivered: 2, duplicates: 0, deadLettered: 0 });

    const conflicting = line('c', { user: { name: 'bob' } });
    assert.deepEqual(await delivery.deliver([...batch, conflicting, line('d')]), {
      delivered: 1,
      duplicates: 2,
      deadLettered: 1,
    });
    // Sending the same batch again (a restart replaying its buffer) changes nothing.
    assert.deepEqual(await delivery.deliver([conflicting]), { delivered: 0, duplicates: 0, deadLettered: 1 });

    await fetch(`${engine.url}/${logs}/_refresh`, { method: 'POST' });
    assert.equal(await count(logs), 3);
    const letters = await deadLettersIn(deadLetters);
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.equal(letter.original_index, logs);
    assert.equal(letter.original_id, 'c');
    assert.equal(letter.status, 400);
    assert.match(String(letter.reason), /json\.user/);
    assert.deepEqual(JSON.parse(String(letter.document)), conflicting.document);
  });

  it('dead-letters documents for a closed index (a 4xx), keeping them whole', async () => {
    const { naming, logs, line, deadLetters } = await setUp();
    const delivery = deliveryOn(sink, naming.deadLetter);
    await delivery.deliver([line('first')]);
    assert.equal((await fetch(`${engine.url}/${logs}/_close`, { method: 'POST' })).status, 200);

    assert.deepEqual(await delivery.deliver([line('late')]), { delivered: 0, duplicates: 0, deadLettered: 1 });
    const [letter] = await deadLettersIn(deadLetters);
    assert.equal(letter.error_type, 'index_closed_exception');
    assert.equal(letter.original_id, 'late');
  });

  it('retries through connection resets until the engine answers, then delivers each document once', async () => {
    const { naming, logs, line } = await setUp();
    const proxy = await resettingProxy(new URL(engine.url), 2);
    const flaky = OpenSearchSink.fromOptions({ url: `http://127.0.0.1:${proxy.port}` });
    const retries: string[] = [];
    const delivery = new BulkDelivery({
      sink: flaky,
      pipeline: 'logs',
      deadLetterPrefix: naming.deadLetter,
      registry: new Registry(),
      backoff: { baseDelayMs: 50, maxDelayMs: 500 },
      onRetry: (event) => retries.push(event.reason),
    });
    try {
      const report = await delivery.deliver([line('x'), line('y')]);
      assert.deepEqual(report, { delivered: 2, duplicates: 0, deadLettered: 0 });
      assert.equal(retries.length, 2, retries.join('\n'));
      await fetch(`${engine.url}/${logs}/_refresh`, { method: 'POST' });
      assert.equal(await count(logs), 2);
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });
});

/** A loopback TCP proxy to `target` that resets its first `resets` connections. */
async function resettingProxy(target: URL, resets: number): Promise<{ port: number; close(): Promise<void> }> {
  let seen = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    if (seen++ < resets) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    // Either side closing (or failing) closes the other, so no upstream connection outlives the proxy.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
