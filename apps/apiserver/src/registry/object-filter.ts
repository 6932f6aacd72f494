import { parseFieldSelector, parseLabelSelector, type KubeObject, type ResourceType } from '#api';
import type { ListOptions } from './request-options.js';

/** labelSelector and fieldSelector of a list or watch, parsed once and applied per object. */
export class ObjectFilter {
  private constructor(
    private readonly labels: ReturnType<typeof parseLabelSelector>,
    private readonly fields: ReturnType<typeof parseFieldSelector>,
  ) {}

  static parse(type: ResourceType, options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>): ObjectFilter {
    return new ObjectFilter(
      parseLabelSelector(options.labelSelector ?? ''),
      parseFieldSelector(type.kind, options.fieldSelector ?? ''),
    );
  }

  isEverything(): boolean {
    return this.labels.isEmpty() && this.fields.isEmpty();
  }

  matches(obj: KubeObject): boolean {
    return this.labels.matches(obj.metadata.labels) && this.fields.matches(obj);
  }
}
