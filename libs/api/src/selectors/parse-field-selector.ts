import { ApiError } from '../errors/api-error.js';
import { compareBytes } from './label-requirement.js';
import { FieldSelector, type FieldReader, type FieldRequirement } from './field-selector.js';
import { selectableField } from './selectable-fields.js';

/**
 * Parses `?fieldSelector=` for `kind` ("Pod" or "pods") as fields/selector.go does:
 * comma-separated `field=value`, `field==value`, `field!=value` terms, with `\,` `\=` `\\`
 * escapes in values, then checks each field is one Kubernetes supports for that kind.
 * Throws ApiError 400 (`field label not supported: <field>` for an unknown field).
 */
export function parseFieldSelector(kind: string, text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  const readers = new Map<string, FieldReader>();
  // Kubernetes sorts the raw terms before parsing, which fixes the canonical order.
  for (const term of splitTerms(text).sort(compareBytes)) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw ApiError.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const value = unescapeValue(parts.rhs);
    const reader = selectableField(kind, parts.field);
    if (!reader) throw ApiError.badRequest(`field label not supported: ${parts.field}`);
    readers.set(parts.field, reader);
    requirements.push({ field: parts.field, operator: parts.operator, value });
  }
  return new FieldSelector(requirements, readers);
}

/** Splits on commas that are not escaped; an escape swallows the next character. */
function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    if (escaped) escaped = false;
    else if (text[i] === '\\') escaped = true;
    else if (text[i] === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first operator found left to right wins; at one position "!=" and "==" beat "=". */
function splitTerm(term: string): { field: string; operator: '=' | '!='; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) {
        return { field: term.slice(0, i), operator: op === '!=' ? '!=' : '=', rhs: term.slice(i + op.length) };
      }
    }
  }
  return undefined;
}

function unescapeValue(rhs: string): string {
  if (!/[\\,=]/.test(rhs)) return rhs;
  let out = '';
  let escaped = false;
  for (const c of rhs) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw ApiError.badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Kubernetes prints the rune with %v, i.e. as its code point number.
      throw ApiError.badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw ApiError.badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}
