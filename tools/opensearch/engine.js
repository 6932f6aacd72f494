#!/usr/bin/env node
// The development and test search engine: one real OpenSearch 3.8 node on 127.0.0.1, built from
// tools/opensearch/pom.xml with Maven (cached in ~/.m2, so only the first build needs the
// network) and run with plain `java -cp`, so SIGTERM reaches the JVM's shutdown hook.
// Plain JavaScript on node builtins, like bin/setup.js: test/run.js uses it before anything is
// compiled, and `kubenest up` and test/support load it by path.
//
//   node tools/opensearch/engine.js build                        fetch and build (CI pre-fetch)
//   node tools/opensearch/engine.js start [--port 9201] [--data-dir .kubenest/opensearch]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ROOT, ensureSearchEngineTools } from '../../bin/setup.js';

const PROJECT = join(ROOT, 'tools', 'opensearch');
const JAR = join(PROJECT, 'target', 'kubenest-opensearch.jar');
const CLASSPATH_FILE = join(PROJECT, 'target', 'classpath.txt');
// Written after each successful build: Maven leaves an unchanged jar or classpath file as it was.
const BUILD_STAMP = join(PROJECT, 'target', '.kubenest-built');
const SOURCES = [join(PROJECT, 'pom.xml'), join(PROJECT, 'src/main/java/io/kubenest/opensearch/EngineMain.java')];
export const MAIN_CLASS = 'io.kubenest.opensearch.EngineMain';
export const DEFAULT_HEAP = '512m';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Java 21+ and Maven, then `mvn package` when the jar or its classpath is missing, older than
 * the pom or the main class, or names a jar no longer in ~/.m2. Returns what `java` needs.
 * Throws saying exactly what is missing.
 */
export function ensureEngineBuilt(report = (line) => console.error(line)) {
  const javaHome = ensureSearchEngineTools();
  if (!engineBuildIsCurrent()) {
    report(`kubenest: building the search engine (mvn package in ${PROJECT}; the first build downloads OpenSearch)`);
    const build = spawnSync('mvn', ['-q', '-B', '-f', join(PROJECT, 'pom.xml'), 'package'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, JAVA_HOME: javaHome },
    });
    if (build.status !== 0) {
      const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
      throw new Error(
        `building the search engine failed (mvn package in ${PROJECT}):\n${output || build.error?.message}`,
      );
    }
    writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  }
  return { javaHome, classpath: `${JAR}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}` };
}

function engineBuildIsCurrent() {
  if (![JAR, CLASSPATH_FILE, BUILD_STAMP].every(existsSync)) return false;
  const builtAt = statSync(BUILD_STAMP).mtimeMs;
  if (SOURCES.some((file) => statSync(file).mtimeMs > builtAt)) return false;
  return readFileSync(CLASSPATH_FILE, 'utf8').trim().split(':').every(existsSync);
}

/**
 * The command line of one node: data (and its logs) under `dataDir`, HTTP on 127.0.0.1:`port`.
 * A fixed heap, because the JVM's default (a quarter of the machine's memory) is far more than
 * a development engine needs next to the rest of the cluster.
 */
export function engineCommand({ javaHome, classpath, dataDir, port, heap = DEFAULT_HEAP }) {
  return {
    command: join(javaHome, 'bin', 'java'),
    args: [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-Dfile.encoding=UTF-8',
      // Lucene maps index files through the foreign-memory API; without this Java 22+ warns at every start.
      '--enable-native-access=ALL-UNNAMED',
      '-cp',
      classpath,
      MAIN_CLASS,
      '--data-dir',
      resolve(dataDir),
      '--port',
      String(port),
    ],
  };
}

/**
 * True once the cluster is at least yellow. A single node can never place replica shards, so
 * an index that asks for a replica keeps the cluster yellow with all its data served; waiting
 * for green would wait forever there. kubenest's own templates use auto_expand_replicas 0-1,
 * which keeps its indices green on one node.
 */
export async function engineIsReady(url) {
  try {
    const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return false;
    const health = await response.json();
    return health.status === 'green' || health.status === 'yellow';
  } catch {
    return false;
  }
}

/**
 * Builds if needed, starts a node, waits until it is ready, and returns its URL with stop():
 * SIGTERM (the node closes and flushes), then SIGKILL after 30 s. Output goes to
 * <dataDir>/engine.log.
 */
export async function startEngine({
  dataDir,
  port,
  heap,
  readyTimeoutMs = READY_TIMEOUT_MS,
  report = (line) => console.error(line),
}) {
  const build = ensureEngineBuilt(report);
  mkdirSync(dataDir, { recursive: true });
  const { command, args } = engineCommand({ ...build, dataDir, port, heap });
  const logPath = join(dataDir, 'engine.log');
  const log = openSync(logPath, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log] });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await engineIsReady(url))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the search engine exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logPath}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the search engine was not ready on ${url} within ${readyTimeoutMs / 1000} s; see ${logPath}`);
    }
    await sleep(250);
  }
  return {
    url,
    pid: child.pid,
    logPath,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function main(argv) {
  const [verb = 'start', ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, '')] = rest[i + 1];
  if (verb === 'build') {
    ensureEngineBuilt();
    return;
  }
  if (verb !== 'start') throw new Error(`unknown command "${verb}"; use build or start`);
  const port = Number(options.port ?? process.env.KUBENEST_OPENSEARCH_PORT ?? 9201);
  const dataDir = resolve(options['data-dir'] ?? join(ROOT, '.kubenest', 'opensearch'));
  const startedAt = Date.now();
  const engine = await startEngine({ dataDir, port, heap: options.heap });
  console.log(`OpenSearch ready on ${engine.url} in ${Date.now() - startedAt} ms (data: ${dataDir}); Ctrl-C stops it`);
  await new Promise((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await engine.stop();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`kubenest: ${error.message}`);
    process.exit(1);
  });
}
