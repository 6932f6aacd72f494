#!/usr/bin/env node
// `npm run bench -- <name...>`: builds, then runs dist/bench/<name>/main.js for each name, in
// order. A benchmark is any folder under bench/ with a main.ts (support/ holds shared code).
// Extra `--flags` are handed to every benchmark. Benchmarks measure and write results; their
// exit code says only whether they could run, never whether a goal was met.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureToolchain } from '../bin/setup.js';

const available = readdirSync(join(ROOT, 'bench'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'bench', entry.name, 'main.ts')))
  .map((entry) => entry.name)
  .sort();

const args = process.argv.slice(2);
const names = args.filter((arg) => !arg.startsWith('--'));
const flags = args.filter((arg) => arg.startsWith('--'));

if (names.length === 0) {
  console.log('usage: npm run bench -- <name...> [--quick]');
  console.log(`available benchmarks: ${available.join(', ') || '(none)'}`);
  console.log('results are printed and written to docs/benchmarks.md, one section per benchmark');
  process.exit(0);
}
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

ensureToolchain({ needRedis: true });
console.error('bench: building (npx tsc -p tsconfig.json)');
const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (build.status !== 0) {
  // tsc still emits; others' work in progress must not block a benchmark whose code was emitted.
  const errors = (build.stdout ?? '').split('\n').filter((line) => line.includes('error TS'));
  console.error(`bench: the build reported ${errors.length} type error(s); running the emitted JavaScript anyway`);
  for (const line of errors.slice(0, 10)) console.error(`  ${line}`);
}

let failed = 0;
for (const name of names) {
  const entry = join(ROOT, 'dist', 'bench', name, 'main.js');
  if (!existsSync(entry)) {
    console.error(`bench: ${entry} was not emitted; skipping ${name}`);
    failed++;
    continue;
  }
  console.error(`bench: running ${name}`);
  const result = spawnSync(process.execPath, ['--enable-source-maps', entry, ...flags], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`bench: ${name} exited with ${result.status ?? result.signal}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
