import type { ParsedLabelSelector } from '#api';

/**
 * A label selector as a Lucene clause over the log documents' de-dotted labels
 * (`kubernetes.labels.app_kubernetes_io/name`), so that `-l` means what it means to kubectl:
 * `app=web,tier in (a,b),!canary` -> `kubernetes.labels.app:"web" AND kubernetes.labels.tier:("a" OR "b")
 * AND NOT _exists_:kubernetes.labels.canary`. Empty for a selector that selects everything.
 */
export function selectorToLucene(selector: ParsedLabelSelector): string {
  return selector.requirements
    .map(({ key, operator, values }) => {
      const field = `kubernetes.labels.${escapeField(key.replace(/\./g, '_'))}`;
      const quoted = values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`);
      const anyOf = quoted.length === 1 ? quoted[0] : `(${quoted.join(' OR ')})`;
      switch (operator) {
        case '=':
        case '==':
        case 'in':
          return `${field}:${anyOf}`;
        case '!=':
        case 'notin':
          return `NOT ${field}:${anyOf}`;
        case 'exists':
          return `_exists_:${field}`;
        case '!':
          return `NOT _exists_:${field}`;
        case 'gt':
          return `${field}:>${Number(values[0])}`;
        case 'lt':
          return `${field}:<${Number(values[0])}`;
      }
    })
    .join(' AND ');
}

/** Lucene's reserved characters in a field name (`/` in `app.kubernetes.io/name`, `-` ...) take a backslash. */
function escapeField(name: string): string {
  return name.replace(/[+\-=&|><!(){}[\]^"~*?:\\/ ]/g, '\\$&');
}

/** The user's query AND the selector's clause, each parenthesised so an OR in either keeps its meaning. */
export function combineQueries(...parts: string[]): string {
  const present = parts.map((p) => p.trim()).filter((p) => p && p !== '*');
  return present.length <= 1 ? (present[0] ?? '') : present.map((p) => `(${p})`).join(' AND ');
}
