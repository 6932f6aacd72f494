import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before } from 'node:test';
import { freePort } from './free-port.js';

const ROOT = resolve(import.meta.dirname, '../../..');

interface RunningEngine {
  url: string;
  stop(): Promise<void>;
}

/** tools/opensearch/engine.js and bin/setup.js are plain JS outside the compiled tree: loaded by path. */
interface EngineModule {
  startEngine(options: { dataDir: string; port: number; report?: (line: string) => void }): Promise<RunningEngine>;
}
interface SetupModule {
  findJavaHome(): string | undefined;
  hasCommand(command: string): boolean;
  MIN_JAVA_VERSION: number;
}

const load = async <T>(path: string) => (await import(pathToFileURL(join(ROOT, path)).href)) as T;

/**
 * Why no search engine can run for these tests, or undefined when one can: test/run.js hands
 * its engine's URL (or the reason it could not start one) down in env vars; a file run alone
 * needs Java 21+ and Maven to start its own. Use as `describe(name, { skip: await ... })`.
 */
export async function searchEngineUnavailable(): Promise<string | undefined> {
  if (process.env.KUBENEST_TEST_OPENSEARCH_URL) return undefined;
  if (process.env.KUBENEST_TEST_OPENSEARCH_UNAVAILABLE) return process.env.KUBENEST_TEST_OPENSEARCH_UNAVAILABLE;
  const setup = await load<SetupModule>('bin/setup.js');
  if (!setup.findJavaHome()) return `no Java ${setup.MIN_JAVA_VERSION}+ for the search engine (set JAVA_HOME)`;
  if (!setup.hasCommand('mvn')) return 'Maven (mvn) is not installed; the search engine is built with it';
  return undefined;
}

let ownEngine: Promise<RunningEngine> | undefined;
let users = 0;

/**
 * The URL of the run's search engine (started once by test/run.js), or, for a test file run
 * alone, of one started for this process and stopped by releaseTestSearchEngine() when its
 * last user is done.
 */
export async function testSearchEngine(): Promise<string> {
  users++;
  if (process.env.KUBENEST_TEST_OPENSEARCH_URL) return process.env.KUBENEST_TEST_OPENSEARCH_URL;
  ownEngine ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-opensearch-'));
    const { startEngine } = await load<EngineModule>('tools/opensearch/engine.js');
    const engine = await startEngine({ dataDir, port: await freePort() });
    return {
      url: engine.url,
      async stop() {
        await engine.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  })();
  return (await ownEngine).url;
}

export async function releaseTestSearchEngine(): Promise<void> {
  if (--users > 0 || !ownEngine) return;
  const engine = ownEngine;
  ownEngine = undefined;
  await (await engine).stop();
}

/**
 * An index-name prefix no other test uses (lower case, as index names must be), so tests
 * sharing one engine never see each other's indices, templates or data streams.
 */
export function testIndexPrefix(): string {
  return `t-${randomBytes(5).toString('hex')}-`;
}

export interface TestSearchEngineFixture {
  /** The engine's URL; read inside tests, once before() has run. */
  readonly url: string;
  /** A fresh prefix per call; its indices, data streams and index templates are deleted in after(). */
  prefix(): string;
}

/** For a suite: the search engine's URL in before(), and its test indices deleted in after(). */
export function useTestSearchEngine(): TestSearchEngineFixture {
  const prefixes: string[] = [];
  const fixture = {
    url: '',
    prefix() {
      const prefix = testIndexPrefix();
      prefixes.push(prefix);
      return prefix;
    },
  };
  before(async () => {
    fixture.url = await testSearchEngine();
  });
  after(async () => {
    for (const prefix of prefixes) {
      await fetch(`${fixture.url}/_data_stream/${prefix}*`, { method: 'DELETE' });
      await fetch(`${fixture.url}/${prefix}*?expand_wildcards=all`, { method: 'DELETE' });
      await fetch(`${fixture.url}/_index_template/${prefix}*`, { method: 'DELETE' });
    }
    await releaseTestSearchEngine();
  });
  return fixture;
}

/**
 * The search-engine env of a test cluster (`kubenest up`): the run's engine when there is
 * one, so clusters never start one each; otherwise a free port for the one `up` starts, so
 * clusters side by side do not collide on 9201.
 */
export async function testClusterSearchEnv(): Promise<Record<string, string>> {
  if (process.env.ELASTICSEARCH_URL) return {};
  const url = process.env.KUBENEST_TEST_OPENSEARCH_URL;
  if (url) return { ELASTICSEARCH_URL: url, ELASTICSEARCH_ENGINE: 'opensearch' };
  return { KUBENEST_OPENSEARCH_PORT: String(await freePort()) };
}
