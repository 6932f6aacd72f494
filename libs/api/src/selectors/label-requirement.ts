import { labelKeyErrors, labelValueErrors } from './label-syntax.js';

/** Operators as Kubernetes spells them (k8s.io/apimachinery/pkg/selection). */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

const BINARY_OPERATORS: readonly LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const ALL_OPERATORS: readonly LabelOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

/** One condition of a label selector; a selector is the AND of its requirements. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Unsorted as given; toString sorts them, as Kubernetes does. */
  readonly values: readonly string[];
}

/** "in, notin, =, ==, !=, gt, lt", as the parser lists them in errors. */
export const BINARY_LABEL_OPERATORS = BINARY_OPERATORS.join(', ');

/**
 * Builds a requirement after Kubernetes' NewRequirement checks. Returns the error text
 * (field-path style, e.g. `values[0][app]: Invalid value: ...`) instead of throwing, because
 * the parser and the LabelSelector conversion word the surrounding message differently.
 */
export function labelRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
): { requirement: LabelRequirement; error?: undefined } | { requirement?: undefined; error: string } {
  const errors: string[] = [];
  const keyProblems = labelKeyErrors(key);
  if (keyProblems.length) errors.push(invalid('key', key, keyProblems.join('; ')));
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0)
        errors.push(invalid('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1)
        errors.push(invalid('values', values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0)
        errors.push(invalid('values', values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1)
        errors.push(invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined)
          errors.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errors.push(
        `operator: Unsupported value: ${JSON.stringify(operator)}: supported values: ${ALL_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}`,
      );
  }
  values.forEach((v, i) => {
    const problems = labelValueErrors(v);
    if (problems.length) errors.push(invalid(`values[${i}][${key}]`, v, problems.join('; ')));
  });
  if (errors.length) return { error: aggregate(errors) };
  return { requirement: { key, operator, values: [...values] } };
}

export function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const present = Object.hasOwn(labels, r.key);
  const value = present ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return present && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !present || !r.values.includes(value as string);
    case 'exists':
      return present;
    case '!':
      return !present;
    case 'gt':
    case 'lt': {
      // Non-integer label values never match, as in Kubernetes.
      const have = present ? parseInt64(value as string) : undefined;
      const want = r.values.length === 1 ? parseInt64(r.values[0]) : undefined;
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

/** Kubernetes' canonical text: `!k`, `k`, `k=v`, `k in (a,b)` with values sorted. */
export function requirementToString(r: LabelRequirement): string {
  const symbol: Record<LabelOperator, string> = {
    '=': '=',
    '==': '==',
    '!=': '!=',
    in: ' in ',
    notin: ' notin ',
    gt: '>',
    lt: '<',
    exists: '',
    '!': '',
  };
  if (r.operator === '!') return `!${r.key}`;
  if (r.operator === 'exists') return r.key;
  const values = [...r.values].sort(compareBytes).join(',');
  const listed = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
  return `${r.key}${symbol[r.operator]}${listed}`;
}

/** Go's string ordering (bytewise), which differs from localeCompare. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** field.Invalid(...).Error(): `<path>: Invalid value: <value>: <detail>`. */
function invalid(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

/** utilerrors.Aggregate: one message alone, several in brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
