#!/usr/bin/env node
// Builds the project, then runs one tier of tests (or all) with node's test runner.
//   unit   *.spec.ts beside the code: no server needed
//   store  *.int-spec.ts: real Redis (each file starts its own redis-server)
//   e2e    test/e2e/**/*.e2e.ts: real apiserver, kubectl, client-node
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDashboardBuilt, ensureDocker, ensureToolchain } from '../bin/setup.js';

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
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out.sort();
}
