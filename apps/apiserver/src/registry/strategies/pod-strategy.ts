import type { KubeObject } from '#api';
import { DefaultStrategy } from './resource-strategy.js';
import { qosClassOf } from './pod-qos.js';

/** A new pod starts Pending with its QoS class, as the pod strategy in Kubernetes sets it. */
export class PodStrategy extends DefaultStrategy {
  constructor() {
    super(true);
  }

  override prepareForCreate(obj: KubeObject): void {
    super.prepareForCreate(obj);
    obj.status = { phase: 'Pending', qosClass: qosClassOf(obj) };
  }
}
