// Makes a fresh clone runnable: npm dependencies, and the system packages kubenest drives.
// Plain JavaScript on node builtins only, because it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
    throw new Error(`${why}: install the Debian package(s) ${packages.join(' ')} (apt-get install ${packages.join(' ')}) and run again`);
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
  if (!hasCommand('redis-server')) aptInstall(['redis-server'], 'kubenest keeps cluster state in Redis and needs redis-server');
}

export function ensureToolchain({ needRedis }) {
  ensureNodeModules();
  if (needRedis) ensureRedisServer();
}
