import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from './config-error.js';

/** Where a value came from: names it in errors and anchors relative paths. */
export interface ValueOrigin {
  /** "--port", "KUBENEST_SECURE_PORT" or "securePort in /etc/kubenest.yaml". */
  name: string;
  /** Relative paths resolve against the working directory, or the YAML file's directory. */
  baseDir: string;
}

/** Turns a raw value into a typed one, or throws an Error whose message completes "<name> ...". */
export type ValueParser<T> = (raw: unknown, origin: ValueOrigin) => T;

export interface ConfigField {
  /** Key in the YAML file (camelCase, as in the typed config). */
  key: string;
  env?: string;
  /** Command-line flag, looked up under `key` in the flags given to the reader. */
  flag?: string;
  /** False for settings of one component only, which a shared YAML file must not carry. */
  inFile?: boolean;
}

export interface ConfigSources {
  env: NodeJS.ProcessEnv;
  /** Parsed command-line options, keyed like ConfigField.key; undefined means not given. */
  flags?: Record<string, unknown>;
  /** Env var naming an optional YAML file; KUBENEST_CONFIG unless said otherwise. */
  fileEnv?: string;
  cwd?: string;
}

/**
 * Reads typed values with the precedence flag > env var > YAML file > default, collecting
 * every problem instead of stopping at the first; finish() throws them together.
 */
export class ConfigReader {
  private readonly problems: string[] = [];
  private readonly knownKeys = new Set<string>();
  private readonly file: { path: string; values: Record<string, unknown> } | undefined;
  private readonly cwd: string;

  constructor(private readonly sources: ConfigSources) {
    this.cwd = sources.cwd ?? process.cwd();
    this.file = this.loadFile(sources.fileEnv ?? 'KUBENEST_CONFIG');
  }

  read<T>(field: ConfigField, parse: ValueParser<T>, fallback: T): T {
    return this.optional(field, parse) ?? fallback;
  }

  optional<T>(field: ConfigField, parse: ValueParser<T>): T | undefined {
    if (field.inFile !== false) this.knownKeys.add(field.key);
    const found = this.lookup(field);
    if (!found) return undefined;
    try {
      return parse(found.raw, found.origin);
    } catch (error) {
      this.problems.push(`${found.origin.name} ${(error as Error).message}, got ${describe(found.raw)}`);
      return undefined;
    }
  }

  /**
   * Throws a ConfigError listing every problem. Unknown YAML keys are problems too (a typo
   * would otherwise be silently ignored) unless the file is shared with another component.
   */
  finish(component: string, { allowUnknownFileKeys = false } = {}): void {
    if (this.file && !allowUnknownFileKeys) {
      for (const key of Object.keys(this.file.values)) {
        if (!this.knownKeys.has(key)) {
          this.problems.push(
            `${key} in ${this.file.path} is not a known setting (known: ${[...this.knownKeys].join(', ')})`,
          );
        }
      }
    }
    if (this.problems.length > 0) throw new ConfigError(component, this.problems);
  }

  private lookup(field: ConfigField): { raw: unknown; origin: ValueOrigin } | undefined {
    const flagValue = this.sources.flags?.[field.key];
    if (field.flag && flagValue !== undefined) {
      return { raw: flagValue, origin: { name: field.flag, baseDir: this.cwd } };
    }
    // An empty variable counts as unset, as `FOO= kubenest up` means "no value" in a shell.
    const envValue = field.env ? this.sources.env[field.env] : undefined;
    if (field.env && envValue !== undefined && envValue !== '') {
      return { raw: envValue, origin: { name: field.env, baseDir: this.cwd } };
    }
    if (
      this.file &&
      field.inFile !== false &&
      this.file.values[field.key] !== undefined &&
      this.file.values[field.key] !== null
    ) {
      return {
        raw: this.file.values[field.key],
        origin: { name: `${field.key} in ${this.file.path}`, baseDir: dirname(this.file.path) },
      };
    }
    return undefined;
  }

  private loadFile(envName: string): { path: string; values: Record<string, unknown> } | undefined {
    const named = this.sources.env[envName];
    if (named === undefined || named === '') return undefined;
    const path = resolve(this.cwd, named);
    let values: unknown;
    try {
      values = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      this.problems.push(`${envName}=${named}: cannot read the YAML file: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
    if (values === null || values === undefined) return { path, values: {} };
    if (typeof values !== 'object' || Array.isArray(values)) {
      this.problems.push(`${envName}=${named}: the file must hold a YAML mapping of settings`);
      return undefined;
    }
    return { path, values: values as Record<string, unknown> };
  }
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw);
}
