import { join } from 'node:path';

/** One line of Kubernetes' static token file: token,user,uid,"group1,group2". */
export interface TokenEntry {
  token: string;
  user: string;
  uid: string;
  groups: string[];
}

export function tokenFilePath(dataDir: string): string {
  return join(dataDir, 'tokens.csv');
}

/**
 * Parses the file kube-apiserver reads with --token-auth-file: CSV with at least three
 * columns, the optional fourth a comma-separated group list (quoted). Blank lines are
 * skipped; a malformed line is an error naming its line number, as on Kubernetes.
 */
export function parseTokenFile(text: string, source = 'tokens.csv'): TokenEntry[] {
  const entries: TokenEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source} line ${index + 1}`;
    const fields = parseCsvLine(line, where);
    if (fields.length < 3) {
      throw new Error(
        `${where}: must have at least 3 columns (token, user name, unique user ID), found ${fields.length}`,
      );
    }
    const [token, user, uid, groups = ''] = fields;
    if (token === '') throw new Error(`${where}: the token is empty`);
    entries.push({
      token,
      user,
      uid,
      groups: groups
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g !== ''),
    });
  });
  return entries;
}

export function formatTokenLine(entry: TokenEntry): string {
  const fields = [entry.token, entry.user, entry.uid].map(quoteIfNeeded);
  if (entry.groups.length > 0) fields.push(quote(entry.groups.join(',')));
  return fields.join(',');
}

/** RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote. */
function parseCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`${where}: unterminated quoted field`);
  fields.push(field);
  return fields;
}

function quoteIfNeeded(value: string): string {
  return /[",]/.test(value) ? quote(value) : value;
}

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
