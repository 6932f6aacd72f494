import type { Node } from '#api';

export interface NodeSelectorRequirementLike {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTermLike {
  matchExpressions?: NodeSelectorRequirementLike[];
  matchFields?: NodeSelectorRequirementLike[];
}

/**
 * One nodeSelectorTerm: its expressions (on labels) and fields (metadata.name only) are
 * ANDed; a term with neither matches no node, as in Kubernetes' nodeaffinity helper.
 */
export function nodeMatchesTerm(node: Node, term: NodeSelectorTermLike): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const nodeFields: Record<string, string> = { 'metadata.name': node.metadata.name ?? '' };
  return (
    expressions.every((r) => requirementMatches(r, labels)) && fields.every((r) => requirementMatches(r, nodeFields))
  );
}

function requirementMatches(req: NodeSelectorRequirementLike, values: Record<string, string>): boolean {
  const has = Object.hasOwn(values, req.key);
  const value = values[req.key];
  const wanted = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && wanted.includes(value);
    case 'NotIn':
      return !has || !wanted.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt':
      return has && compareIntegers(value, wanted[0], req.operator);
    default:
      return false;
  }
}

/** Gt/Lt compare the label and the single value as integers; anything else never matches. */
function compareIntegers(label: string, bound: string | undefined, op: 'Gt' | 'Lt'): boolean {
  const integer = /^[+-]?\d+$/;
  if (bound === undefined || !integer.test(label) || !integer.test(bound)) return false;
  const [l, b] = [BigInt(label), BigInt(bound)];
  return op === 'Gt' ? l > b : l < b;
}
