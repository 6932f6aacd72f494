import type { KubeObject } from '#api';
import { parseStoredObject } from './stored-object.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One entry of the change stream. Objects are parsed lazily and at most once, so one
 * record fanned out to many watchers costs one JSON.parse per process; they are shared
 * between watchers and must be treated as read-only.
 */
export class ChangeRecord {
  private parsedObject?: KubeObject;
  private parsedPrevious?: KubeObject;

  constructor(
    readonly resourceVersion: number,
    readonly type: ChangeType,
    readonly resource: string,
    readonly namespace: string,
    readonly name: string,
    /** Stored JSON, without metadata.resourceVersion. */
    readonly objectJson: string,
    private readonly previousJson: string | undefined,
  ) {}

  /** The object after the change (for DELETED: its last state), at this resourceVersion. */
  get object(): KubeObject {
    this.parsedObject ??= parseStoredObject(this.objectJson, String(this.resourceVersion));
    return this.parsedObject;
  }

  /** For MODIFIED, the object before the change, carrying this change's resourceVersion
   *  (what a filtered watcher sends as DELETED when the object stops matching). */
  get previousObject(): KubeObject | undefined {
    if (this.previousJson === undefined) return undefined;
    this.parsedPrevious ??= parseStoredObject(this.previousJson, String(this.resourceVersion));
    return this.parsedPrevious;
  }

  /** Builds a record from a raw stream entry: [id, [field, value, ...]]. */
  static fromStreamEntry(entry: unknown): ChangeRecord {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
      throw new Error(`malformed change stream entry: ${JSON.stringify(entry)}`);
    }
    const [id, flat] = entry as [string, string[]];
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i], flat[i + 1]);
    const type = fields.get('type');
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') {
      throw new Error(`change stream entry ${id} has unknown type ${String(type)}`);
    }
    return new ChangeRecord(
      Number(id.slice(0, id.indexOf('-'))),
      type,
      fields.get('r') ?? '',
      fields.get('ns') ?? '',
      fields.get('name') ?? '',
      fields.get('obj') ?? '{}',
      fields.get('prev'),
    );
  }
}
