import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, searchEngineUnavailable } from '#testing';
import { loadCliConfig } from '../config/cli-config.js';
import { projectRoot } from '../project-root.js';
import { Supervisor } from '../supervisor/supervisor.js';
import { chooseSearchEngine } from './opensearch-component.js';

const engineUnavailable = await searchEngineUnavailable();

describe('chooseSearchEngine', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-up-search-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));
  const config = () => loadCliConfig({ dataDir }, {});
  const quiet = () => {};

  it("uses the operator's own engine from ELASTICSEARCH_URL, passes its settings on, and starts none", async () => {
    const choice = await chooseSearchEngine(config(), projectRoot(), quiet, {
      ELASTICSEARCH_URL: 'https://es.example.com:9200',
      ELASTICSEARCH_API_KEY: 'a2V5',
      ELASTICSEARCH_CA_FILE: '/etc/ssl/es.pem',
      UNRELATED: 'x',
    });
    assert.equal(choice.spec, undefined);
    assert.deepEqual(choice.env, {
      ELASTICSEARCH_URL: 'https://es.example.com:9200',
      ELASTICSEARCH_API_KEY: 'a2V5',
      ELASTICSEARCH_CA_FILE: '/etc/ssl/es.pem',
    });
    assert.match(choice.summary, /es\.example\.com.*kubenest starts none/);
  });

  it('hands OPENSEARCH_URL on as ELASTICSEARCH_URL, the one name components read', async () => {
    const choice = await chooseSearchEngine(config(), projectRoot(), quiet, {
      OPENSEARCH_URL: 'http://127.0.0.1:9999',
    });
    assert.equal(choice.env.ELASTICSEARCH_URL, 'http://127.0.0.1:9999');
  });

  it('refuses a bad port or URL with the variable named', async () => {
    await assert.rejects(
      chooseSearchEngine(config(), projectRoot(), quiet, { KUBENEST_OPENSEARCH_PORT: 'ninety' }),
      /KUBENEST_OPENSEARCH_PORT must be a port number 1-65535, not "ninety"/,
    );
    await assert.rejects(
      chooseSearchEngine(config(), projectRoot(), quiet, { KUBENEST_OPENSEARCH_HEAP: 'lots' }),
      /KUBENEST_OPENSEARCH_HEAP must be a JVM heap size such as 512m or 1g, not "lots"/,
    );
    await assert.rejects(
      chooseSearchEngine(config(), projectRoot(), quiet, { ELASTICSEARCH_URL: 'localhost:9200' }),
      /ELASTICSEARCH_URL must be an http/,
    );
  });

  it(
    'otherwise supervises an OpenSearch of its own in <dataDir>/opensearch, ready when the cluster is, stopped by SIGTERM',
    { skip: engineUnavailable },
    async () => {
      const port = await freePort();
      const choice = await chooseSearchEngine(config(), projectRoot(), quiet, {
        KUBENEST_OPENSEARCH_PORT: String(port),
      });
      assert.ok(choice.spec, choice.summary);
      assert.deepEqual(choice.env, {
        ELASTICSEARCH_URL: `http://127.0.0.1:${port}`,
        ELASTICSEARCH_ENGINE: 'opensearch',
      });
      const supervisor = new Supervisor({ logDir: join(dataDir, 'logs'), report: quiet });
      try {
        await supervisor.start(choice.spec);
        const root = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { version: { distribution: string } };
        assert.equal(root.version.distribution, 'opensearch');
        const nodes = (await (await fetch(`http://127.0.0.1:${port}/_nodes/_local/settings`)).json()) as {
          nodes: Record<string, { settings: { path: { data: string[] | string } } }>;
        };
        const [node] = Object.values(nodes.nodes);
        assert.match(String(node.settings.path.data), new RegExp(`^${join(dataDir, 'opensearch')}`));
      } finally {
        await supervisor.stopAll();
      }
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`), /fetch failed/);
    },
  );
});
