// The node agent's log shipper on its own, for the benchmark: the same startLogShipping the
// agent runs, configured by the same env vars, with an empty pod cache (the records keep the
// names from the file names). Runs until SIGTERM.
import pino from 'pino';
import { Registry } from 'prom-client';
import { loadLoggingConfig } from '../../apps/node-agent/src/logging/config/logging-config.js';
import { startLogShipping } from '../../apps/node-agent/src/logging/start-log-shipping.js';

const logger = pino({ level: 'warn' });
const errors: string[] = [];
const config = loadLoggingConfig(process.env, process.env['KUBENEST_NODE_AGENT_ROOT'] ?? '', errors);
if (errors.length > 0) throw new Error(errors.join('\n'));
const shipping = await startLogShipping({
  config,
  nodeName: 'bench',
  pods: { get: () => undefined },
  registry: new Registry(),
  logger,
});
process.once('SIGTERM', () => {
  void shipping?.stop().then(() => process.exit(0));
});
