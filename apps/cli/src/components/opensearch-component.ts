import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPENSEARCH_URL_ENV, SEARCH_ENV, sinkOptionsFromEnv } from '#search';
import type { CliConfig } from '../config/cli-config.js';
import { assertPortFree } from '../probes/port-free.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';

export const DEFAULT_OPENSEARCH_PORT = 9201;

/** tools/opensearch/engine.js: plain JS outside the compiled tree, loaded by path like bin/setup.js. */
interface EngineModule {
  ensureEngineBuilt(report: (line: string) => void): { javaHome: string; classpath: string };
  engineCommand(options: { javaHome: string; classpath: string; dataDir: string; port: number; heap?: string }): {
    command: string;
    args: string[];
  };
  engineIsReady(url: string): Promise<boolean>;
}

export interface SearchEngineChoice {
  /** The engine `up` supervises, when it runs one itself. */
  spec?: ComponentSpec;
  /** For the apiserver, controller-manager and node agent: the ELASTICSEARCH_* settings, empty when shipping is off. */
  env: Record<string, string>;
  /** One line for the terminal: which engine, or why there is none. */
  summary: string;
}

/**
 * Which search engine the cluster ships logs, metrics and events to. The operator's own when
 * ELASTICSEARCH_URL (or OPENSEARCH_URL) is set: passed on as is, and none is started.
 * Otherwise a development OpenSearch of the cluster's own (data in <dataDir>/opensearch, port
 * KUBENEST_OPENSEARCH_PORT, default 9201) when Java 21+ and Maven are there; without them the
 * cluster still comes up, with shipping off and the reason said.
 */
export async function chooseSearchEngine(
  config: CliConfig,
  cliRoot: string,
  report: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SearchEngineChoice> {
  const own = sinkOptionsFromEnv(env);
  if (own) {
    const passed: Record<string, string> = {};
    for (const name of Object.values(SEARCH_ENV)) if (env[name]) passed[name] = env[name];
    passed[SEARCH_ENV.url] = own.url;
    const how = env[SEARCH_ENV.url] ? SEARCH_ENV.url : OPENSEARCH_URL_ENV;
    return { env: passed, summary: `search engine: ${own.url} (from ${how}; kubenest starts none)` };
  }
  const port = openSearchPort(env);
  const heap = env.KUBENEST_OPENSEARCH_HEAP || undefined;
  if (heap !== undefined && !/^\d+[kmg]$/i.test(heap)) {
    throw new Error(`KUBENEST_OPENSEARCH_HEAP must be a JVM heap size such as 512m or 1g, not "${heap}"`);
  }
  try {
    const spec = await opensearchComponent(config, cliRoot, port, report, heap);
    return {
      spec,
      env: { [SEARCH_ENV.url]: `http://127.0.0.1:${port}`, [SEARCH_ENV.engine]: 'opensearch' },
      summary: `search engine: OpenSearch on http://127.0.0.1:${port} (data: ${join(config.dataDir, 'opensearch')})`,
    };
  } catch (error) {
    return {
      env: {},
      summary:
        `no search engine: ${(error as Error).message}. Log shipping, metrics and event export are off; ` +
        `set ELASTICSEARCH_URL to use your own Elasticsearch or OpenSearch`,
    };
  }
}

/** KUBENEST_OPENSEARCH_PORT, or 9201: beside Elasticsearch's usual 9200, so a local one keeps its port. */
function openSearchPort(env: NodeJS.ProcessEnv): number {
  const raw = env.KUBENEST_OPENSEARCH_PORT;
  if (raw === undefined || raw === '') return DEFAULT_OPENSEARCH_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`KUBENEST_OPENSEARCH_PORT must be a port number 1-65535, not "${raw}"`);
  }
  return port;
}

/**
 * One OpenSearch node on 127.0.0.1:`port`, built by Maven on first use (the build happens
 * here, before anything starts, and says so). Ready at yellow or green: see engineIsReady.
 * Stopped with SIGTERM, on which the node closes and flushes its shards.
 */
export async function opensearchComponent(
  config: CliConfig,
  cliRoot: string,
  port: number,
  report: (line: string) => void,
  heap?: string,
): Promise<ComponentSpec> {
  const engine = (await import(pathToFileURL(join(cliRoot, 'tools', 'opensearch', 'engine.js')).href)) as EngineModule;
  const build = engine.ensureEngineBuilt(report);
  const dataDir = join(config.dataDir, 'opensearch');
  const { command, args } = engine.engineCommand({ ...build, dataDir, port, heap });
  const url = `http://127.0.0.1:${port}`;
  return {
    name: 'opensearch',
    command,
    args,
    async preflight() {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await assertPortFree(port, '127.0.0.1', 'opensearch');
    },
    readiness: { description: `GET ${url}/_cluster/health at yellow or green`, check: () => engine.engineIsReady(url) },
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    stopTimeoutMs: 30_000,
  };
}
