import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchEngineUnavailable, useTestSearchEngine } from './search-engine.js';

describe('the test search engine', { skip: await searchEngineUnavailable() }, () => {
  const engine = useTestSearchEngine();

  it('is a real OpenSearch node on loopback whose cluster is at least yellow', async () => {
    assert.match(engine.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const root = (await (await fetch(engine.url)).json()) as { version: { distribution: string; number: string } };
    assert.equal(root.version.distribution, 'opensearch');
    assert.match(root.version.number, /^3\./);
    const health = (await (await fetch(`${engine.url}/_cluster/health`)).json()) as { status: string };
    assert.ok(['green', 'yellow'].includes(health.status), health.status);
  });

  it('gives each test its own index prefix, and after() removes those indices', async () => {
    const [a, b] = [engine.prefix(), engine.prefix()];
    assert.notEqual(a, b);
    assert.match(a, /^[a-z0-9-]+$/);
    const created = await fetch(`${engine.url}/${a}probe/_doc/1?refresh=true`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hello' }),
    });
    assert.equal(created.status, 201);
    const other = await fetch(`${engine.url}/${b}*/_count`);
    assert.equal(((await other.json()) as { count: number }).count, 0);
  });
});
