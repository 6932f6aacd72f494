import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error.js';
import { labelSelectorFromObject, labelSelectorFromSet } from './label-selector-from-object.js';
import { parseLabelSelector } from './parse-label-selector.js';

function badRequest(message: string | RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${String(e)}`);
    assert.equal(e.code, 400);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  };
}

describe('parseLabelSelector', () => {
  // [selector, canonical toString()]: Kubernetes' own parse tests plus the examples from
  // https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
  const canonical: [string, string][] = [
    ['', ''],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x=a,a=x', 'a=x,x=a'],
    ['environment = production', 'environment=production'],
    ['tier != frontend', 'tier!=frontend'],
    ['environment=production,tier!=frontend', 'environment=production,tier!=frontend'],
    ['environment in (production, qa)', 'environment in (production,qa)'],
    ['tier notin (frontend, backend)', 'tier notin (backend,frontend)'],
    ['partition', 'partition'],
    ['!partition', '!partition'],
    ['partition in (customerA, customerB),environment!=qa', 'environment!=qa,partition in (customerA,customerB)'],
    ['environment in (production),tier in (frontend)', 'environment in (production),tier in (frontend)'],
    ['environment,environment notin (frontend)', 'environment,environment notin (frontend)'],
    ['x==y', 'x==y'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x in ()', 'x in ()'],
    ['x in (a,)', 'x in (,a)'],
    ['notin=in', 'notin=in'],
    ['example.com/app in (in, notin)', 'example.com/app in (in,notin)'],
    [' \tapp\n=\rweb ', 'app=web'],
  ];
  for (const [text, expected] of canonical) {
    it(`parses ${JSON.stringify(text)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(parseLabelSelector(text).toString(), expected);
    });
  }

  const labels = { foo: 'bar', baz: 'blah', n: '5' };
  const matching: [string, Record<string, string> | undefined, boolean][] = [
    ['', { x: 'y' }, true],
    ['', undefined, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=z', undefined, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'two' }, false],
    ['x>1', {}, false],
    ['foo=bar,baz=blah', labels, true],
    ['foo=bar,foobar=bar,baz=blah', labels, false],
    ['foo in (bar, qux)', labels, true],
    ['foo notin (bar)', labels, false],
    ['missing notin (bar)', labels, true],
    ['missing!=bar', labels, true],
    ['n>4,n<6', labels, true],
    ['constructor', {}, false],
    ['!toString', {}, true],
  ];
  for (const [text, set, expected] of matching) {
    it(`${JSON.stringify(text)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(set)}`, () => {
      assert.equal(parseLabelSelector(text).matches(set), expected);
    });
  }

  const invalid: [string, string | RegExp][] = [
    [
      'x=a||y=b',
      /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "a\|\|y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'MyValue', {2}or 'my_value', {2}or '12345', regex used for validation is '\(\(\[A-Za-z0-9\]\[-A-Za-z0-9_\.\]\*\)\?\[A-Za-z0-9\]\)\?'\)$/,
    ],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    [
      'x<a',
      /^unable to parse requirement: values\[0\]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer$/,
    ],
    ['x y', "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x,', "found '', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['x=a,,y=b', "found ',', expected: identifier after ','"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['-bad=a', /^unable to parse requirement: <nil>: Invalid value: "-bad": name part must consist of/],
    [
      'a/b/c',
      /^unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a valid label key must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/,
    ],
    [
      'Example.com/x',
      /^unable to parse requirement: <nil>: Invalid value: "Example\.com\/x": prefix part a lowercase RFC 1123 subdomain/,
    ],
    ['/x', /^unable to parse requirement: <nil>: Invalid value: "\/x": prefix part must be non-empty$/],
    [`${'k'.repeat(64)}`, /name part must be no more than 63 bytes/],
    [
      'x=-a',
      /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "-a": a valid label must be an empty string or consist of/,
    ],
    [
      `x=${'v'.repeat(64)}`,
      /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "v+": must be no more than 63 bytes$/,
    ],
    [
      'x in (a,-b,-c)',
      /^unable to parse requirement: \[values\[0\]\[x\]: Invalid value: "-b": .*, values\[1\]\[x\]: Invalid value: "-c": /,
    ],
  ];
  for (const [text, message] of invalid) {
    it(`rejects ${JSON.stringify(text)} with 400`, () => {
      assert.throws(() => parseLabelSelector(text), badRequest(message));
    });
  }

  it('reports an empty selector as empty and a non-empty one as not', () => {
    assert.equal(parseLabelSelector('').isEmpty(), true);
    assert.equal(parseLabelSelector('a').isEmpty(), false);
  });

  it('says which label a selector pins to one value', () => {
    const selector = parseLabelSelector('app=web,tier in (db),env in (a,b),track!=x');
    assert.equal(selector.requiresExactMatch('app'), 'web');
    assert.equal(selector.requiresExactMatch('tier'), 'db');
    assert.equal(selector.requiresExactMatch('env'), undefined);
    assert.equal(selector.requiresExactMatch('track'), undefined);
    assert.equal(selector.requiresExactMatch('other'), undefined);
  });
});

describe('labelSelectorFromObject', () => {
  it('selects nothing for an absent selector and everything for an empty one', () => {
    assert.equal(labelSelectorFromObject(undefined).matches({ a: 'b' }), false);
    assert.equal(labelSelectorFromObject(null).isEmpty(), false);
    assert.equal(labelSelectorFromObject({}).matches({ a: 'b' }), true);
    assert.equal(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }).isEmpty(), true);
  });

  const cases: {
    selector: Parameters<typeof labelSelectorFromObject>[0];
    text: string;
    yes: Record<string, string>;
    no: Record<string, string>;
  }[] = [
    {
      selector: { matchLabels: { app: 'web', tier: 'fe' } },
      text: 'app=web,tier=fe',
      yes: { app: 'web', tier: 'fe', x: 'y' },
      no: { app: 'web' },
    },
    {
      selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['qa', 'prod'] }] },
      text: 'env in (prod,qa)',
      yes: { env: 'qa' },
      no: { env: 'dev' },
    },
    {
      selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
      text: 'env notin (dev)',
      yes: {},
      no: { env: 'dev' },
    },
    {
      selector: { matchExpressions: [{ key: 'canary', operator: 'Exists' }] },
      text: 'canary',
      yes: { canary: '' },
      no: {},
    },
    {
      selector: { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist', values: null }] },
      text: '!canary',
      yes: {},
      no: { canary: 'true' },
    },
    {
      selector: {
        matchLabels: { component: 'redis' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['cache'] },
          { key: 'environment', operator: 'NotIn', values: ['dev'] },
        ],
      },
      text: 'component=redis,environment notin (dev),tier in (cache)',
      yes: { component: 'redis', tier: 'cache' },
      no: { component: 'redis', tier: 'cache', environment: 'dev' },
    },
  ];
  for (const c of cases) {
    it(`converts to ${c.text}`, () => {
      const selector = labelSelectorFromObject(c.selector);
      assert.equal(selector.toString(), c.text);
      assert.equal(selector.matches(c.yes), true);
      assert.equal(selector.matches(c.no), false);
    });
  }

  const invalid: [Parameters<typeof labelSelectorFromObject>[0], string | RegExp][] = [
    [
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
      '"Equals" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'in', values: ['b'] }] },
      '"in" is not a valid label selector operator',
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      `values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`,
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b'] }] },
      'values: Invalid value: ["b"]: values set must be empty for exists and does not exist',
    ],
    [{ matchLabels: { 'bad key': 'v' } }, /^key: Invalid value: "bad key": name part must consist of/],
    [{ matchLabels: { app: 'bad value' } }, /^values\[0\]\[app\]: Invalid value: "bad value": a valid label must be/],
  ];
  for (const [selector, message] of invalid) {
    it(`rejects ${JSON.stringify(selector)}`, () => {
      assert.throws(() => labelSelectorFromObject(selector), badRequest(message));
    });
  }
});

describe('labelSelectorFromSet', () => {
  it('matches every pair exactly, as RC and Service selectors do', () => {
    const selector = labelSelectorFromSet({ tier: 'web', app: 'shop' });
    assert.equal(selector.toString(), 'app=shop,tier=web');
    assert.equal(selector.matches({ app: 'shop', tier: 'web', pod: 'x' }), true);
    assert.equal(selector.matches({ app: 'shop' }), false);
  });

  it('selects everything for an empty or absent map', () => {
    assert.equal(labelSelectorFromSet({}).matches({ a: 'b' }), true);
    assert.equal(labelSelectorFromSet(undefined).isEmpty(), true);
  });
});
