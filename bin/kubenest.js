#!/usr/bin/env node
// The `kubenest` command: makes a fresh clone runnable (npm dependencies, a build when the
// TypeScript sources are newer than dist/), then hands over to the compiled CLI.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureBuilt, ensureNodeModules } from './setup.js';

const CLI_ENTRY = 'dist/apps/cli/src/main.js';

try {
  ensureNodeModules();
  ensureBuilt(CLI_ENTRY);
} catch (error) {
  console.error(`kubenest: ${error.message}`);
  process.exit(1);
}
await import(pathToFileURL(join(ROOT, CLI_ENTRY)).href);
