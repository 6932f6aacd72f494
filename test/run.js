#!/usr/bin/env node
// Builds the project, then runs one tier of tests (or all) with node's test runner.
//   unit   *.spec.ts beside the code: no server needed
//   store  *.int-spec.ts: real Redis (each file starts its own redis-server)
//   e2e    test/e2e/**/*.e2e.ts: real apiserver, kubectl, client-node
// The store and e2e tiers share one search engine (OpenSearch), started here and stopped at
// the end; tests read its URL from KUBENEST_TEST_OPENSEARCH_URL (see test/support/search-engine.ts).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDashboardBuilt, ensureDocker, ensureToolchain } from '../bin/setup.js';
import { startEngine } from '../tools/opensearch/engine.js';

const TIERS = {
  unit: (f) => f.endsWith('.spec.js') && !f.endsWith('.int-spec.js'),
  store: (f) => f.endsWith('.int-spec.js'),
  e2e: (f) => f.endsWith('.e2e.js'),
};

const tier = process.argv[2] ?? 'all';
const selected = tier === 'all' ? Object.keys(TIERS) : [tier];
if (!selected.every((t) => t in TIERS)) {
  console.error(`unknown test tier "${tier}"; use one of: all, ${Object.keys(TIERS).join(', ')}`);
  process.exit(2);
}

ensureToolchain({ needRedis: true });
if (selected.includes('e2e') || selected.includes('store')) {
  // The workload tests run real containers; without Docker they are skipped with the reason.
  try {
    ensureDocker();
  } catch (error) {
    console.error(`kubenest: ${error.message}; tests that need Docker will be skipped`);
  }
}
execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
ensureDashboardBuilt({ strict: true, specs: true });

const files = walk('dist').filter((f) => selected.some((t) => TIERS[t](f)));
if (files.length === 0) {
  console.error(`no test files found for tier "${tier}"`);
  process.exit(1);
}
const env = { ...process.env };
const engine = selected.includes('e2e') || selected.includes('store') ? await startSearchEngine(env) : undefined;
// --test-force-exit: a file whose tests have all finished ends even if a stray handle (a
// keep-alive socket, a timer) would keep it alive; without it the whole run waits forever.
const child = spawn(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-force-exit', '--test-concurrency=1', ...files],
  {
    stdio: 'inherit',
    env,
  },
);
// Stopped from outside (CI's time limit, kill): end the tests, then stop the engine as usual.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
const [code] = await once(child, 'exit');
await engine?.stop();
process.exit(code ?? 1);

/** One engine for the whole run; when it cannot run, the tests that need it skip with the reason. */
async function startSearchEngine(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-test-opensearch-'));
  try {
    const startedAt = Date.now();
    const engine = await startEngine({ dataDir, port: await freePort() });
    console.error(`kubenest: test search engine (OpenSearch) ready on ${engine.url} in ${Date.now() - startedAt} ms`);
    env.KUBENEST_TEST_OPENSEARCH_URL = engine.url;
    // A run interrupted before the end must not leave the JVM behind.
    const kill = () => {
      try {
        process.kill(engine.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', kill);
    return {
      async stop() {
        process.off('exit', kill);
        await engine.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    console.error(`kubenest: ${error.message}; tests that need the search engine will be skipped`);
    env.KUBENEST_TEST_OPENSEARCH_UNAVAILABLE = error.message;
    return undefined;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out.sort();
}
