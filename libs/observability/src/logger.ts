import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout, one logger per component, level from KUBENEST_LOG_LEVEL. */
export function createLogger(component: string): Logger {
  return pino({
    name: component,
    level: process.env['KUBENEST_LOG_LEVEL'] ?? 'info',
    base: { component, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
