/** One `field=value` or `field!=value` term; `==` is kept as `=`, as Kubernetes does. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** Reads a supported field from an object, rendered as a string. */
export type FieldReader = (obj: unknown) => string;

/**
 * A parsed field selector: the AND of its terms, each bound to how its kind exposes the
 * field. Build it with parseFieldSelector.
 */
export class FieldSelector {
  constructor(
    readonly requirements: readonly FieldRequirement[],
    private readonly readers: ReadonlyMap<string, FieldReader>,
  ) {}

  matches(obj: unknown): boolean {
    return this.requirements.every((r) => {
      const actual = (this.readers.get(r.field) as FieldReader)(obj);
      return r.operator === '=' ? actual === r.value : actual !== r.value;
    });
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /**
   * The value `field` must equal for an object to match, if an `=` term pins it. The store
   * uses it to turn `metadata.name=x` (what `kubectl get pod x -w` sends) into a point lookup.
   */
  requiredValue(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /** Canonical form: terms in parse order (sorted), values re-escaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }
}

/** fields.EscapeValue: backslash, comma and equals are escaped with a backslash. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}
