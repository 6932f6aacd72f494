import { ApiError } from '../errors/api-error.js';
import { labelRequirement, type LabelOperator, type LabelRequirement } from './label-requirement.js';
import { ParsedLabelSelector } from './parsed-label-selector.js';

/** The shape of metav1.LabelSelectorRequirement; DTO classes fit it structurally. */
export interface LabelSelectorRequirementLike {
  key: string;
  operator: string;
  values?: readonly string[] | null;
}

/** The shape of metav1.LabelSelector (Deployment/ReplicaSet/Job spec.selector). */
export interface LabelSelectorLike {
  matchLabels?: Readonly<Record<string, string>> | null;
  matchExpressions?: readonly LabelSelectorRequirementLike[] | null;
}

const EXPRESSION_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: an absent selector selects nothing, an empty one
 * everything; matchLabels and matchExpressions are ANDed. Throws ApiError 400.
 */
export function labelSelectorFromObject(selector: LabelSelectorLike | null | undefined): ParsedLabelSelector {
  if (selector === null || selector === undefined) return ParsedLabelSelector.nothing();
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push(validated(key, '=', [value]));
  }
  for (const expression of selector.matchExpressions ?? []) {
    if (!Object.hasOwn(EXPRESSION_OPERATORS, expression.operator)) {
      throw ApiError.badRequest(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    }
    requirements.push(validated(expression.key, EXPRESSION_OPERATORS[expression.operator], expression.values ?? []));
  }
  return ParsedLabelSelector.of(requirements);
}

/**
 * labels.SelectorFromSet for ReplicationController and Service selectors: every pair must
 * match exactly. An empty or absent map selects everything; callers for which "no
 * selector" means "no pods" (Services) check that before matching.
 */
export function labelSelectorFromSet(set: Readonly<Record<string, string>> | null | undefined): ParsedLabelSelector {
  return ParsedLabelSelector.of(
    Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] })),
  );
}

function validated(key: string, operator: LabelOperator, values: readonly string[]): LabelRequirement {
  const result = labelRequirement(key, operator, values);
  if (result.error !== undefined) throw ApiError.badRequest(result.error);
  return result.requirement;
}
