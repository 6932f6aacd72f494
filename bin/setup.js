// Makes a fresh clone runnable: npm dependencies, and the system packages kubenest drives.
// Plain JavaScript on node builtins only, because it runs before node_modules exists.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

/**
 * npm dependencies, installed from the lock file when node_modules is missing or older than
 * it. npm install, not npm ci: the lock lists optional native builds for other platforms
 * (msgpackr-extract's) that the reachable registry does not serve, which npm ci treats as
 * an out-of-sync lock; npm install resolves the same versions and never deletes
 * node_modules under processes that are using it.
 */
export function ensureNodeModules() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(installed) && !(existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs)) return;
  console.error('kubenest: installing npm dependencies (npm install)');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
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
 * (others' work in progress); then we warn and carry on if `entry` was emitted. The
 * dashboard bundle is built alongside (ensureDashboardBuilt).
 */
export function ensureBuilt(entry) {
  ensureDashboardBuilt();
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

const DASHBOARD_DIR = join(ROOT, 'apps', 'dashboard');
const DASHBOARD_INDEX = join(ROOT, 'dist', 'dashboard', 'index.html');
const DASHBOARD_SOURCES = ['.ts', '.tsx', '.css', '.html', '.json'];

/**
 * The dashboard's browser bundle in dist/dashboard (served by the gateway), built by Vite when
 * missing or older than its sources; Vite rewrites index.html on each build, so its mtime
 * says when. The dashboard is type-checked first with its own tsconfig (DOM, Preact JSX).
 * `strict` (tests, CI) fails on type errors; otherwise, like ensureBuilt, they are reported
 * and the cluster starts with what was emitted. `specs` also compiles the dashboard's
 * DOM-free model specs into dist/ for the unit test tier.
 */
export function ensureDashboardBuilt({ strict = false, specs = false } = {}) {
  const run = (args) => spawnSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const fail = (what, result) => {
    process.stderr.write(result.stdout ?? '');
    if (strict) throw new Error(`the dashboard ${what} failed`);
    console.error(`kubenest: the dashboard ${what} failed (see above); continuing without an up-to-date dashboard`);
  };
  if (specs) {
    const compiled = run(['tsc', '-p', 'apps/dashboard/tsconfig.spec.json']);
    if (compiled.status !== 0) fail('spec build (npx tsc -p apps/dashboard/tsconfig.spec.json)', compiled);
  }
  const builtAt = existsSync(DASHBOARD_INDEX) ? statSync(DASHBOARD_INDEX).mtimeMs : -1;
  if (builtAt >= 0 && !newerSourceExists(DASHBOARD_DIR, builtAt, DASHBOARD_SOURCES)) return;
  console.error('kubenest: building the dashboard (npx vite build --config apps/dashboard/vite.config.ts)');
  const checked = run(['tsc', '-p', 'apps/dashboard/tsconfig.json']);
  if (checked.status !== 0) fail('type check (npx tsc -p apps/dashboard/tsconfig.json)', checked);
  const bundled = run(['vite', 'build', '--config', 'apps/dashboard/vite.config.ts']);
  if (bundled.status !== 0) fail('bundle (npx vite build --config apps/dashboard/vite.config.ts)', bundled);
}

/**
 * Chromium for the dashboard's browser tests (driven by playwright-core, which downloads no
 * browser of its own): Debian's package, at /usr/bin/chromium.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export function ensureChromium() {
  if (!existsSync(CHROMIUM_PATH)) aptInstall(['chromium'], 'the dashboard tests drive a real browser');
  return CHROMIUM_PATH;
}

function newerSourceExists(dir, than, extensions = ['.ts']) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && newerSourceExists(path, than, extensions)) return true;
    } else if (extensions.some((ext) => entry.name.endsWith(ext)) && statSync(path).mtimeMs > than) {
      return true;
    }
  }
  return false;
}

const DOCKER_WAIT_MS = 60_000;
const DOCKERD_LOG = '/var/log/kubenest-dockerd.log';

function dockerAnswers() {
  return (
    spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 }).status === 0
  );
}

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `probe` until it returns true; throws `message` after `timeoutMs`. */
function waitUntil(probe, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(message);
    sleepMs(500);
  }
}

/**
 * Docker Engine for the docker runtime and its tests. As root on Debian: installs docker.io
 * and starts dockerd in the background (no systemd in containers and CI machines), logging
 * to /var/log/kubenest-dockerd.log. Otherwise says exactly what to install and start.
 */
export function ensureDocker() {
  if (hasCommand('docker') && dockerAnswers()) return;
  if (!isRoot || !hasCommand('apt-get')) {
    throw new Error(
      'kubenest needs a running Docker Engine: install it (Debian: apt-get install docker.io), start it ' +
        '(systemctl start docker, or dockerd &), and make sure `docker info` works for this user',
    );
  }
  if (!hasCommand('dockerd')) aptInstall(['docker.io'], 'the docker runtime runs pods as Docker containers');
  // docker.io may have started the daemon itself (on systemd hosts); give it a moment first.
  if (!dockerAnswers()) {
    console.error(`kubenest: starting dockerd (log: ${DOCKERD_LOG})`);
    const log = openSync(DOCKERD_LOG, 'a');
    const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    closeSync(log);
    waitUntil(
      dockerAnswers,
      DOCKER_WAIT_MS,
      `dockerd did not answer \`docker info\` within ${DOCKER_WAIT_MS / 1000} s; see ${DOCKERD_LOG}`,
    );
  }
}

/** What docker/build-images.sh builds workload images from: no base image can be pulled here. */
export function ensureWorkloadImageTools() {
  const missing = [];
  if (!existsSync('/bin/busybox') || spawnSync('/bin/busybox', ['--list'], { stdio: 'ignore' }).status !== 0)
    missing.push('busybox-static');
  if (!hasCommand('gcc') || !existsSync('/usr/lib/x86_64-linux-gnu/libc.a')) missing.push('gcc', 'libc6-dev');
  if (!hasCommand('curl')) missing.push('curl');
  if (missing.length > 0)
    aptInstall(missing, 'the workload images are built from busybox-static and static C programs');
}

export const LOCAL_REGISTRY = '127.0.0.1:5000';

function registryAnswers() {
  return (
    spawnSync('curl', ['-fsS', '-o', '/dev/null', '--max-time', '2', `http://${LOCAL_REGISTRY}/v2/`], {
      stdio: 'ignore',
    }).status === 0
  );
}

/**
 * A local image registry on 127.0.0.1:5000 (loopback only), for pushing the workload images
 * built under docker/. Debian's docker-registry ships a config that demands htpasswd auth,
 * so we run the binary with our own config: no auth, loopback, storage under `dataDir`.
 * Idempotent: returns at once when the registry already answers.
 */
export function ensureLocalRegistry(dataDir = join(ROOT, '.kubenest', 'registry')) {
  if (registryAnswers()) return;
  if (!hasCommand('curl')) aptInstall(['curl'], 'checking the local registry needs curl');
  if (!hasCommand('docker-registry'))
    aptInstall(['docker-registry'], 'workload images are pushed to a local registry on 127.0.0.1:5000');
  mkdirSync(join(dataDir, 'storage'), { recursive: true });
  const config = join(dataDir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${JSON.stringify(join(dataDir, 'storage'))}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${LOCAL_REGISTRY}`,
      '',
    ].join('\n'),
  );
  const logPath = join(dataDir, 'registry.log');
  console.error(`kubenest: starting docker-registry on ${LOCAL_REGISTRY} (log: ${logPath})`);
  const log = openSync(logPath, 'a');
  const child = spawn('docker-registry', ['serve', config], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  closeSync(log);
  waitUntil(registryAnswers, 30_000, `docker-registry did not answer on ${LOCAL_REGISTRY} within 30 s; see ${logPath}`);
}

/** OpenSearch 3.x, the development and test search engine, runs on Java 21 or newer. */
export const MIN_JAVA_VERSION = 21;
const JVM_DIR = '/usr/lib/jvm';

/** The major version of the JDK or JRE at `home` (from its release file), or undefined. */
export function javaMajorVersion(home) {
  const release = join(home, 'release');
  if (!existsSync(join(home, 'bin', 'java')) || !existsSync(release)) return undefined;
  const match = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(release, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/** JAVA_HOME when it is new enough, else the newest new-enough JDK under /usr/lib/jvm; undefined when there is none. */
export function findJavaHome(min = MIN_JAVA_VERSION) {
  const fromEnv = process.env.JAVA_HOME;
  if (fromEnv && (javaMajorVersion(fromEnv) ?? 0) >= min) return fromEnv;
  if (!existsSync(JVM_DIR)) return undefined;
  const candidates = readdirSync(JVM_DIR)
    .map((name) => join(JVM_DIR, name))
    .map((home) => ({ home, version: javaMajorVersion(home) ?? 0 }))
    .filter((jdk) => jdk.version >= min)
    .sort((a, b) => b.version - a.version || a.home.localeCompare(b.home));
  return candidates[0]?.home;
}

/**
 * A Java 21+ home for the search engine. Debian bookworm packages only openjdk-17, so this
 * cannot apt-get one: it says exactly what to install instead.
 */
export function ensureJava() {
  const home = findJavaHome();
  if (home) return home;
  const seen = process.env.JAVA_HOME ? `JAVA_HOME=${process.env.JAVA_HOME} is older; ` : '';
  throw new Error(
    `the search engine (OpenSearch 3.8) needs Java ${MIN_JAVA_VERSION} or newer: ${seen}none found under ${JVM_DIR} ` +
      `(Debian bookworm packages only openjdk-17). Install a JDK ${MIN_JAVA_VERSION}+ (e.g. Temurin 21 or 25) and set JAVA_HOME`,
  );
}

/** Maven builds the search engine's classpath (tools/opensearch/pom.xml); Debian's `maven` package. */
export function ensureMaven() {
  if (!hasCommand('mvn')) aptInstall(['maven'], 'the search engine (OpenSearch) is fetched and built with Maven');
}

/** The Java home the search engine runs on, installing Maven when we can; throws with what is missing. */
export function ensureSearchEngineTools() {
  const javaHome = ensureJava();
  ensureMaven();
  return javaHome;
}

/** rsyslog with omelasticsearch and curl, the peer and the raw-limit poster of `npm run bench -- log-shipping`. */
export function ensureLogShippingBenchTools() {
  const missing = ['rsyslog', 'rsyslog-elasticsearch', 'curl'].filter(
    (pkg) =>
      spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout !== 'install ok installed',
  );
  if (missing.length > 0)
    aptInstall(
      missing,
      'the log-shipping benchmark compares rsyslog (imfile -> omelasticsearch) and posts raw bulks with curl',
    );
}

/** wrk and nginx (Debian nginx-light), the load generator and the peer of `npm run bench -- service-proxy`. */
export function ensureServiceBenchTools() {
  const missing = [];
  if (!hasCommand('wrk')) missing.push('wrk');
  if (!hasCommand('nginx') && !existsSync('/usr/sbin/nginx')) missing.push('nginx-light');
  if (missing.length > 0)
    aptInstall(missing, 'the service-proxy benchmark drives wrk against a NodePort and against an nginx peer');
}
