import type { Container } from '#api';
import { expandVars } from './expand-vars.js';

/** A container's env list and its command/args with $(VAR) expanded against it, as the runtime gets them. */
export function containerEnvironment(
  container: Container,
  env: Map<string, string>,
): { env: { name: string; value: string }[]; command?: string[]; args?: string[] } {
  const lookup = (name: string) => env.get(name);
  return {
    env: [...env].map(([name, value]) => ({ name, value })),
    command: container.command?.map((part) => expandVars(part, lookup)),
    args: container.args?.map((part) => expandVars(part, lookup)),
  };
}
