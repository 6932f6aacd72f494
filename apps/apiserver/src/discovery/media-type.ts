/** One clause of an Accept header: "application/json;as=Table;v=v1;g=meta.k8s.io". */
export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

/** Parses an Accept header into clauses, highest q first (stable for equal q, as Go's goautoneg). */
export function parseAccept(accept: string | undefined): MediaRange[] {
  const clauses = (accept ?? '').trim() === '' ? ['*/*'] : (accept as string).split(',');
  const ranges: MediaRange[] = [];
  for (const clause of clauses) {
    const [mediaType, ...rawParams] = clause.split(';').map((part) => part.trim());
    const [type, subtype] = (mediaType ?? '').toLowerCase().split('/');
    if (!type || !subtype) continue;
    const params: Record<string, string> = {};
    let q = 1;
    for (const raw of rawParams) {
      const eq = raw.indexOf('=');
      if (eq < 0) continue;
      const key = raw.slice(0, eq).trim().toLowerCase();
      const value = raw
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
      if (key === 'q') q = Number(value);
      else params[key] = value;
    }
    ranges.push({ type, subtype, params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

/** True for application/json, application/* and * / * without a conversion request (as=, g=, v=). */
export function acceptsPlainJson(range: MediaRange): boolean {
  const typeOk = range.type === '*' || range.type === 'application';
  const subtypeOk = range.subtype === '*' || range.subtype === 'json';
  return typeOk && subtypeOk && range.params.as === undefined;
}
