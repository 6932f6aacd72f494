import { Command, Option } from 'commander';
import { ConfigError } from '../../apiserver/src/config/index.js';
import { runKubeconfig } from './commands/kubeconfig-command.js';
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
