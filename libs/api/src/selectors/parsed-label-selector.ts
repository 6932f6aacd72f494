import { compareBytes, requirementMatches, requirementToString, type LabelRequirement } from './label-requirement.js';

/**
 * A label selector ready to match objects: the AND of its requirements, kept sorted by key
 * like Kubernetes' internalSelector so that toString() is canonical. Named "parsed" to keep
 * it apart from metav1.LabelSelector, the API type it can be built from.
 */
export class ParsedLabelSelector {
  private static readonly nothingSelector = new ParsedLabelSelector([], true);
  private static readonly everythingSelector = new ParsedLabelSelector([], false);

  readonly requirements: readonly LabelRequirement[];

  private constructor(
    requirements: readonly LabelRequirement[],
    /** labels.Nothing(): what a nil metav1.LabelSelector converts to. */
    private readonly matchesNothing: boolean,
  ) {
    // A stable sort keeps the input order of equal keys, one of the orders Go's sort allows.
    this.requirements = [...requirements].sort((a, b) => compareBytes(a.key, b.key));
  }

  static of(requirements: readonly LabelRequirement[]): ParsedLabelSelector {
    return requirements.length === 0
      ? ParsedLabelSelector.everythingSelector
      : new ParsedLabelSelector(requirements, false);
  }

  /** Matches every object, including those without labels. */
  static everything(): ParsedLabelSelector {
    return ParsedLabelSelector.everythingSelector;
  }

  /** Matches no object. */
  static nothing(): ParsedLabelSelector {
    return ParsedLabelSelector.nothingSelector;
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    if (this.matchesNothing) return false;
    const set = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, set));
  }

  /** True when the selector does not restrict anything (Kubernetes' Empty()). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  isNothing(): boolean {
    return this.matchesNothing;
  }

  /**
   * The value a matching object must have for `key`, when the selector pins exactly one
   * (`key=v`, `key==v`, `key in (v)`); lets an index narrow a list before matching.
   */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((req) => req.key === key);
    if (!r || !['=', '==', 'in'].includes(r.operator) || r.values.length !== 1) return undefined;
    return r.values[0];
  }

  /** A new selector with the extra requirements ANDed in. */
  add(...requirements: LabelRequirement[]): ParsedLabelSelector {
    if (this.matchesNothing) return this;
    return ParsedLabelSelector.of([...this.requirements, ...requirements]);
  }

  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}
