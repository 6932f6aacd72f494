import { addToken, readTokens } from '../../../apiserver/src/security/index.js';
import type { CliConfig } from '../config/cli-config.js';

/** Adds a token line to tokens.csv and prints the token alone, so scripts can capture it. */
export async function runTokenCreate(
  config: CliConfig,
  request: { user: string; groups: string[] },
  print = console.log,
): Promise<void> {
  const entry = await addToken(config.dataDir, request);
  print(entry.token);
}

/** Lists users with their tokens cut to a prefix: enough to tell them apart, not to use them. */
export async function runTokenList(config: CliConfig, print = console.log): Promise<void> {
  const rows = (await readTokens(config.dataDir)).map((t) => [
    `${t.token.slice(0, 6)}…`,
    t.user,
    t.uid,
    t.groups.join(','),
  ]);
  const table = [['TOKEN', 'USER', 'UID', 'GROUPS'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table)
    print(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('   ')
        .trimEnd(),
    );
}
