import type { KubeObject } from '#api';
import { DefaultStrategy } from './resource-strategy.js';

/** Nodes register with their status, so a create keeps it (as in Kubernetes); updates still keep status apart. */
export class NodeStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(_obj: KubeObject): void {}
}
