import { Command, Option } from 'commander';
import { ConfigError } from '../../apiserver/src/config/index.js';
import { runKubeconfig } from './commands/kubeconfig-command.js';
import { runLogsSearch } from './commands/logs-search-command.js';
import type { LogsSearchFlags } from './commands/logs-search-options.js';
import { runTokenCreate, runTokenList } from './commands/token-command.js';
import { runUp } from './commands/up-command.js';
import { CLI_DEFAULTS, loadCliConfig, type CliFlags } from './config/cli-config.js';
import { packageVersion } from './project-root.js';

const program = new Command('kubenest')
  .description('A container orchestrator that speaks the Kubernetes API')
  .version(packageVersion(), '-V, --version', 'print the kubenest version')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

/** Every command that touches a data dir takes it the same way. */
function dataDirOption(): Option {
  return new Option(
    '--data-dir <dir>',
    `cluster state: PKI, tokens, Redis data, logs (env KUBENEST_DATA_DIR, default ./${CLI_DEFAULTS.dataDir})`,
  );
}

program
  .command('up')
  .description(
    'start a single-machine cluster in the foreground (Redis, apiserver, controller-manager, scheduler, node agent); Ctrl-C stops it',
  )
  .addOption(dataDirOption())
  .option('--port <port>', `apiserver HTTPS port (env KUBENEST_SECURE_PORT, default ${CLI_DEFAULTS.securePort})`)
  .option(
    '--bind-address <ip>',
    `apiserver listen address (env KUBENEST_BIND_ADDRESS, default ${CLI_DEFAULTS.bindAddress})`,
  )
  .option('--redis-url <url>', 'use this Redis instead of starting one (env REDIS_URL)')
  .option(
    '--tls-san <name...>',
    'extra DNS name or IP for the serving certificate, repeatable (env KUBENEST_EXTRA_SANS)',
  )
  .option(
    '--ready-timeout <seconds>',
    `how long each component may take to become ready (env KUBENEST_READY_TIMEOUT_SECONDS, default ${CLI_DEFAULTS.readyTimeoutSeconds})`,
  )
  .option('--runtime <runtime>', 'how pods run: auto, docker or process (env KUBENEST_RUNTIME, default auto)')
  .option(
    '--components <set>',
    'all, or apiserver for Redis and the apiserver only (env KUBENEST_COMPONENTS, default all)',
  )
  .action(async (flags: CliFlags) => {
    process.exitCode = await runUp(loadCliConfig(flags));
  });

const token = program
  .command('token')
  .description('manage bearer tokens in <data-dir>/tokens.csv (a running apiserver picks changes up)');
token
  .command('create')
  .description('add a token and print it')
  .requiredOption('--user <name>', 'user name the token authenticates as')
  .option('--group <group...>', 'group of the user, repeatable (e.g. system:masters)', [])
  .addOption(dataDirOption())
  .action(async (flags: CliFlags & { user: string; group: string[] }) => {
    await runTokenCreate(loadCliConfig(flags), { user: flags.user, groups: flags.group });
  });
token
  .command('list')
  .description('list tokens (shortened), users and groups')
  .addOption(dataDirOption())
  .action(async (flags: CliFlags) => runTokenList(loadCliConfig(flags)));

program
  .command('kubeconfig')
  .description('print the admin kubeconfig that `kubenest up` wrote')
  .addOption(dataDirOption())
  .action(async (flags: CliFlags) => runKubeconfig(loadCliConfig(flags)));

const logs = program.command('logs').description('container logs shipped to the search engine');
logs
  .command('search')
  .description(
    "search container logs with the Lucene syntax of Kibana's Discover (e.g. 'stream:\"stderr\" AND log:*timeout*'); newest lines, printed oldest first",
  )
  .argument('[query]', 'Lucene query; empty matches every line')
  .option('--since <duration>', 'only lines newer than this, e.g. 30s, 5m, 1h')
  .option('-n, --namespace <namespace>', 'only this namespace (default: all namespaces)')
  .option('-l, --selector <selector>', 'only pods with these labels, kubectl syntax (app=web,tier in (a,b))')
  .option('--pod <name>', 'only this pod')
  .option('-c, --container <name>', 'only this container')
  .option('--limit <n>', 'at most this many lines (default 100, at most 10000)')
  .option('-f, --follow', 'keep printing new matching lines as they arrive')
  .option('--timestamps', 'start each line with its timestamp')
  .option('--kubeconfig <path>', 'kubeconfig to use (default: $KUBECONFIG, else <data-dir>/admin.kubeconfig)')
  .addOption(dataDirOption())
  .action(async (query: string | undefined, flags: LogsSearchFlags) => {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.exitCode = await runLogsSearch(query, flags, CLI_DEFAULTS.dataDir, undefined, stop.signal);
  });

program
  .command('version')
  .description('print the kubenest and Node.js versions')
  .action(() => {
    console.log(`kubenest ${packageVersion()} (node ${process.version})`);
  });

try {
  await program.parseAsync();
} catch (error) {
  // Configuration and operator errors are messages, not stack traces.
  console.error(error instanceof ConfigError ? error.message : `kubenest: ${(error as Error).message}`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}
