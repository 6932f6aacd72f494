import { ApiError } from '../errors/api-error.js';
import {
  BINARY_LABEL_OPERATORS,
  labelRequirement,
  type LabelOperator,
  type LabelRequirement,
} from './label-requirement.js';
import { labelKeyErrors } from './label-syntax.js';
import { ParsedLabelSelector } from './parsed-label-selector.js';

/**
 * Parses the label selector string syntax (`?labelSelector=`, `kubectl -l`) the way
 * k8s.io/apimachinery/pkg/labels/selector.go does, including its error messages:
 *
 *   env=prod, tier in (web,api), !canary, release, version notin (v1), replicas>2
 *
 * Throws ApiError 400. The empty string selects everything.
 */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  const parser = new Parser(lex(text));
  return ParsedLabelSelector.of(parser.parse());
}

type Token = 'end' | 'identifier' | ')' | ',' | '!' | '==' | '=' | '>' | '<' | 'in' | 'notin' | '!=' | '(';

interface Item {
  token: Token;
  literal: string;
}

/** Literal tokens; anything else made of ordinary characters is an identifier. */
const KEYWORDS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Scans the whole input up front, as the Go parser does, ending with an 'end' item. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && WHITESPACE.has(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    if (SPECIAL.has(s[pos])) {
      // Longest run of special characters that is still a known symbol, e.g. "!=" not "!".
      // Every single special character is a symbol, so at least one character is taken.
      let symbol = s[pos++];
      const pair = symbol + (s[pos] ?? '');
      if (KEYWORDS.has(pair)) {
        symbol = pair;
        pos++;
      }
      items.push({ token: KEYWORDS.get(symbol) as Token, literal: symbol });
      continue;
    }
    const start = pos;
    while (pos < s.length && !SPECIAL.has(s[pos]) && !WHITESPACE.has(s[pos])) pos++;
    const word = s.slice(start, pos);
    items.push({ token: KEYWORDS.get(word) ?? 'identifier', literal: word });
  }
}

/** Whether `in`/`notin` read as keywords or, where a value is expected, as plain words. */
type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;

  constructor(private readonly items: Item[]) {}

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const next = this.lookahead('values');
      switch (next.token) {
        case 'identifier':
        case '!': {
          requirements.push(this.requirementOrThrow());
          const after = this.consume('values');
          if (after.token === 'end') return requirements;
          if (after.token !== ',') fail(`found '${after.literal}', expected: ',' or 'end of string'`);
          const following = this.lookahead('values');
          if (following.token !== 'identifier' && following.token !== '!') {
            fail(`found '${following.literal}', expected: identifier after ','`);
          }
          break;
        }
        case 'end':
          return requirements;
        default:
          fail(`found '${next.literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private requirementOrThrow(): LabelRequirement {
    try {
      return this.requirement();
    } catch (e) {
      if (e instanceof RequirementSyntaxError) fail(`unable to parse requirement: ${e.message}`);
      throw e;
    }
  }

  private requirement(): LabelRequirement {
    let operator: LabelOperator | undefined;
    let item = this.consume('values');
    if (item.token === '!') {
      operator = '!';
      item = this.consume('values');
    }
    if (item.token !== 'identifier') throw new RequirementSyntaxError(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    const keyProblems = labelKeyErrors(key);
    // Kubernetes validates the key with a nil field path, hence the literal "<nil>".
    if (keyProblems.length)
      throw new RequirementSyntaxError(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyProblems.join('; ')}`);
    const after = this.lookahead('values').token;
    // "!key" is complete by itself; whatever follows it is the caller's to reject.
    if (operator === '!' || after === 'end' || after === ',') return this.build(key, operator ?? 'exists', []);
    operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return this.build(key, operator, [...new Set(values)].sort());
  }

  private build(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
    const result = labelRequirement(key, operator, values);
    if (result.error !== undefined) throw new RequirementSyntaxError(result.error);
    return result.requirement;
  }

  private operator(): LabelOperator {
    const item = this.consume('keyAndOperator');
    const operators: Partial<Record<Token, LabelOperator>> = {
      in: 'in',
      notin: 'notin',
      '=': '=',
      '==': '==',
      '!=': '!=',
      '>': 'gt',
      '<': 'lt',
    };
    const operator = operators[item.token];
    if (!operator) throw new RequirementSyntaxError(`found '${item.literal}', expected: ${BINARY_LABEL_OPERATORS}`);
    return operator;
  }

  /** "(a,b)", where empty members such as "(a,)" or "()" stand for the empty value. */
  private valueSet(): string[] {
    const open = this.consume('values');
    if (open.token !== '(') throw new RequirementSyntaxError(`found '${open.literal}' expected: '('`);
    const first = this.lookahead('values');
    if (first.token === ')') {
      this.consume('values');
      return [''];
    }
    if (first.token !== 'identifier' && first.token !== ',') {
      throw new RequirementSyntaxError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = this.identifierList();
    if (this.consume('values').token !== ')')
      throw new RequirementSyntaxError(`found '${first.literal}', expected: ')'`);
    return values;
  }

  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const item = this.consume('values');
      if (item.token === 'identifier') {
        values.push(item.literal);
        const next = this.lookahead('values');
        if (next.token === ',') continue;
        if (next.token === ')') return values;
        throw new RequirementSyntaxError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (item.token === ',') {
        if (values.length === 0) values.push('');
        const next = this.lookahead('values').token;
        if (next === ')') {
          values.push('');
          return values;
        }
        if (next === ',') values.push('');
        continue;
      }
      throw new RequirementSyntaxError(`found '${item.literal}', expected: ',', or identifier`);
    }
  }

  /** The value after =, ==, !=, >, <; missing means the empty value ("env=" selects env=""). */
  private exactValue(): string[] {
    const next = this.lookahead('values').token;
    if (next === 'end' || next === ',') return [''];
    const item = this.consume('values');
    if (item.token === 'identifier') return [item.literal];
    throw new RequirementSyntaxError(`found '${item.literal}', expected: identifier`);
  }

  private lookahead(context: Context): Item {
    return asContext(this.items[Math.min(this.position, this.items.length - 1)], context);
  }

  private consume(context: Context): Item {
    const item = this.lookahead(context);
    if (this.position < this.items.length - 1) this.position++;
    return item;
  }
}

function asContext(item: Item, context: Context): Item {
  if (context === 'values' && (item.token === 'in' || item.token === 'notin')) return { ...item, token: 'identifier' };
  return item;
}

/** Errors inside one requirement, which the top level prefixes with "unable to parse requirement". */
class RequirementSyntaxError extends Error {}

function fail(message: string): never {
  throw ApiError.badRequest(message);
}
