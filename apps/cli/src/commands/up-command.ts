import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureAdminToken, ensurePki } from '../../../apiserver/src/security/index.js';
import { wantedSans, writeAdminKubeconfig } from '../cluster/admin-kubeconfig.js';
import { apiserverUrl } from '../cluster/apiserver-url.js';
import { componentKubeconfig, nodeCredentials } from '../cluster/component-credentials.js';
import { prepareContainerRuntime } from '../cluster/container-runtime-setup.js';
import { writeStaticPodManifests } from '../cluster/static-pod-manifests.js';
import { loadProjectSetup } from '../cluster/project-setup.js';
import { apiserverComponent } from '../components/apiserver-component.js';
import { controlLoopComponent } from '../components/control-loop-component.js';
import { dashboardUrl, gatewayComponent } from '../components/gateway-component.js';
import { nodeAgentComponent } from '../components/node-agent-component.js';
import { chooseSearchEngine } from '../components/opensearch-component.js';
import { redisComponent } from '../components/redis-component.js';
import type { CliConfig } from '../config/cli-config.js';
import { projectRoot } from '../project-root.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import {
  ComponentStartError,
  StartAborted,
  Supervisor,
  describeExit,
  type ComponentFailure,
} from '../supervisor/supervisor.js';

/**
 * Brings a single-machine cluster up in the foreground and keeps it up until Ctrl-C/SIGTERM
 * (exit 0, everything stopped in order) or until a component dies (exit 1, the rest stopped).
 * Resolves with the exit code.
 */
export interface UpOptions {
  report?: (line: string) => void;
  /** The checkout whose dist/ holds the components; this CLI's own by default. */
  root?: string;
  /** Aborting it stops the cluster like SIGTERM does; for callers other than a terminal. */
  stop?: AbortSignal;
}

export async function runUp(config: CliConfig, options: UpOptions = {}): Promise<number> {
  const { report = console.log, root = projectRoot() } = options;
  // Created here, before any component starts, so the apiserver finds them and never races
  // a second writer; the apiserver would create the same on its own.
  await ensurePki(config.dataDir, { extraSans: wantedSans(config) });
  await ensureAdminToken(config.dataDir);

  // Machine set-up comes with this CLI's own checkout, whichever checkout's components run.
  const setup = await loadProjectSetup(projectRoot());
  const specs: ComponentSpec[] = [];
  let redisUrl = config.redisUrl;
  if (redisUrl === undefined) {
    setup.ensureRedisServer();
    const redis = redisComponent(config.dataDir);
    specs.push(redis.spec);
    redisUrl = redis.url;
  }
  // Logs, metrics and events go to one search engine; its settings reach the components as env vars.
  const search = config.components === 'all' ? await chooseSearchEngine(config, projectRoot(), report) : undefined;
  if (search) report(`kubenest: ${search.summary}`);
  if (search?.spec) specs.push(search.spec);
  const withSearch = (spec: ComponentSpec): ComponentSpec => ({ ...spec, env: { ...spec.env, ...search?.env } });
  specs.push(withSearch(apiserverComponent({ ...config, extraSans: wantedSans(config) }, redisUrl, root)));
  if (config.components === 'all') {
    const runtime = await prepareContainerRuntime(config.runtime, config.dataDir, setup, report);
    const controllerManager = await componentKubeconfig(
      config,
      'controller-manager',
      'system:kube-controller-manager',
      [],
    );
    const scheduler = await componentKubeconfig(config, 'scheduler', 'system:kube-scheduler', []);
    const gateway = await componentKubeconfig(config, 'gateway', 'system:kubenest-gateway', []);
    specs.push(
      withSearch(controlLoopComponent('controller-manager', config, controllerManager, redisUrl, root)),
      controlLoopComponent('scheduler', config, scheduler, redisUrl, root),
      withSearch(nodeAgentComponent(config, await nodeCredentials(config), runtime, root)),
      await gatewayComponent(config, gateway, root),
    );
  }

  const supervisor = new Supervisor({ logDir: join(config.dataDir, 'logs'), report });
  const signals = stopOnSignals(supervisor, report, options.stop);
  try {
    return await superviseUntilStopped(supervisor, specs, signals.stopped, config, report);
  } finally {
    signals.dispose();
  }
}

async function superviseUntilStopped(
  supervisor: Supervisor,
  specs: ComponentSpec[],
  stopped: Promise<number>,
  config: CliConfig,
  report: (line: string) => void,
): Promise<number> {
  try {
    await supervisor.startAll(specs);
  } catch (error) {
    if (error instanceof StartAborted) return stopped;
    report(`kubenest: ${(error as Error).message}`);
    if (error instanceof ComponentStartError) reportFailureTail(error.failure, report);
    await supervisor.stopAll();
    return 1;
  }

  await writeStaticPodManifests(config, specs, (name) => supervisor.pidOf(name));
  const kubeconfig = await writeAdminKubeconfig(config);
  report('');
  report(`kubenest is up: ${apiserverUrl(config)}  (data: ${config.dataDir})`);
  report('');
  report(`  export KUBECONFIG=${kubeconfig}`);
  report('  kubectl get ns');
  if (specs.some((spec) => spec.name === 'gateway')) {
    // Written for scripts and the dashboard's tests: the URL of this cluster's dashboard.
    await writeFile(join(config.dataDir, 'dashboard.url'), `${dashboardUrl(config)}\n`);
    report('');
    report(`Dashboard: ${dashboardUrl(config)}  (sign in with a token: kubenest token create --user <name>)`);
  }
  report('');
  report(
    `Logs: ${join(config.dataDir, 'logs')}/. Ctrl-C stops the cluster; \`kubenest up\` again resumes it with the same data.`,
  );

  const outcome = await Promise.race([stopped, supervisor.failure]);
  if (typeof outcome === 'number') return outcome;
  report(`kubenest: ${outcome.name} ${describeExit(outcome)} unexpectedly; stopping the rest`);
  reportFailureTail(outcome, report);
  await supervisor.stopAll();
  return 1;
}

/**
 * First Ctrl-C or SIGTERM (or the abort signal): stop everything in order, then `stopped`
 * resolves 0. A second signal kills the process groups at once (exit 130), for when a
 * component hangs on shutdown.
 */
function stopOnSignals(supervisor: Supervisor, report: (line: string) => void, abort?: AbortSignal) {
  let stopping = false;
  let resolveStopped!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => (resolveStopped = resolve));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void supervisor.stopAll().then(() => resolveStopped(0));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      report(`kubenest: ${signal} again, killing everything`);
      supervisor.kill();
      process.exit(130);
    }
    report(`kubenest: ${signal}, stopping (press Ctrl-C again to kill)`);
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  abort?.addEventListener('abort', stop, { once: true });
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      abort?.removeEventListener('abort', stop);
    },
  };
}

function reportFailureTail(failure: ComponentFailure, report: (line: string) => void): void {
  if (failure.lastLines.length > 0) {
    report(`--- last lines of ${failure.logPath} ---`);
    for (const line of failure.lastLines) report(line);
    report('---');
  } else {
    report(`(no output; see ${failure.logPath})`);
  }
}

/**
 * bin/setup.js owns "install what a fresh machine lacks" (apt-get as root); it is plain
 * JavaScript outside the TypeScript tree, so it is loaded by path at run time.
 */
