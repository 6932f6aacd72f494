import { BUILTIN_RESOURCES, labelSelectorFromObject, type LabelSelectorLike } from '#api';
import type { ReplicatedKind } from './replicated-kind.js';

export const replicaSetKind: ReplicatedKind = {
  type: BUILTIN_RESOURCES.find((t) => t.group === 'apps' && t.resource === 'replicasets')!,
  controllerName: 'replicaset',
  component: 'replicaset-controller',
  selectorOf: (rs) => labelSelectorFromObject(rs.spec?.selector as LabelSelectorLike | undefined),
};
