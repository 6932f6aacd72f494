// Makes a fresh clone runnable: npm dependencies, and the system packages kubenest drives.
// Plain JavaScript on node builtins only, because it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;

export function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages when we are root; otherwise says exactly what is missing. */
export function aptInstall(packages, why) {
  if (!isRoot || !hasCommand('apt-get')) {
    throw new Error(
      `${why}: install the Debian package(s) ${packages.join(' ')} (apt-get install ${packages.join(' ')}) and run again`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    console.error('kubenest: apt-get update');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  console.error(`kubenest: apt-get install ${packages.join(' ')} (${why})`);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

/** npm dependencies, installed when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const modules = join(ROOT, 'node_modules');
  const lock = join(ROOT, 'package-lock.json');
  const stale = !existsSync(modules) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(modules).mtimeMs);
  if (!stale) return;
  console.error('kubenest: installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

export function ensureRedisServer() {
  if (!hasCommand('redis-server'))
    aptInstall(['redis-server'], 'kubenest keeps cluster state in Redis and needs redis-server');
}

export function ensureToolchain({ needRedis }) {
  ensureNodeModules();
  if (needRedis) ensureRedisServer();
}

const SOURCE_DIRS = ['apps', 'libs', 'test', 'bench'];
const BUILD_STAMP = join(ROOT, 'dist', '.kubenest-build-stamp');

/**
 * Compiles TypeScript when dist/ is missing or older than any source. tsc's incremental
 * mode only rewrites changed outputs, so a stamp file written after each build, not the
 * outputs' mtimes, says when the last build happened. tsc emits even with type errors
 * (others' work in progress); then we warn and carry on if `entry` was emitted.
 */
export function ensureBuilt(entry) {
  const entryPath = join(ROOT, entry);
  const builtAt = existsSync(BUILD_STAMP) && existsSync(entryPath) ? statSync(BUILD_STAMP).mtimeMs : -1;
  const changed =
    [join(ROOT, 'tsconfig.json'), join(ROOT, 'package.json')].some((f) => statSync(f).mtimeMs > builtAt) ||
    SOURCE_DIRS.some((dir) => newerSourceExists(join(ROOT, dir), builtAt));
  if (!changed) return;
  console.error(
    builtAt < 0
      ? 'kubenest: building (npx tsc -p tsconfig.json)'
      : 'kubenest: sources changed, rebuilding (npx tsc -p tsconfig.json)',
  );
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (!existsSync(entryPath)) {
      process.stderr.write(result.stdout ?? '');
      throw new Error(`the build failed and ${entry} was not emitted`);
    }
    const errors = (result.stdout ?? '').split('\n').filter((line) => line.includes('error TS')).length;
    console.error(
      `kubenest: the build reported ${errors} type error(s) (see npx tsc -p tsconfig.json); running the emitted JavaScript`,
    );
  }
  writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
}

function newerSourceExists(dir, than) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && newerSourceExists(path, than)) return true;
    } else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > than) {
      return true;
    }
  }
  return false;
}
