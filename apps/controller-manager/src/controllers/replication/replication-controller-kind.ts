import { BUILTIN_RESOURCES, labelSelectorFromSet } from '#api';
import type { ReplicatedKind } from './replicated-kind.js';

export const replicationControllerKind: ReplicatedKind = {
  type: BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'replicationcontrollers')!,
  controllerName: 'replicationcontroller',
  component: 'replication-controller',
  // An RC's selector is a plain map that defaults to the template's labels; an empty map
  // would select every pod in the namespace, so fall back to the labels as defaulting does.
  selectorOf: (rc) => {
    const selector = rc.spec?.selector as Record<string, string> | undefined;
    return labelSelectorFromSet(
      selector && Object.keys(selector).length ? selector : (rc.spec?.template?.metadata?.labels ?? undefined),
    );
  },
};
