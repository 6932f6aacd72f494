import type { MessageTable } from './message-table.js';

/** Messages of meta.k8s.io/v1 (k8s.io.apimachinery.pkg.apis.meta.v1); the notation is described in message-table.ts. */
export const META_V1_MESSAGES: MessageTable = {
  DeleteOptions:
    'gracePeriodSeconds=1:int64! preconditions=2:Preconditions orphanDependents=3:bool! propagationPolicy=4! dryRun=5[] ignoreStoreReadErrorWithClusterBreakingPotential=6:bool!',
  ObjectMeta:
    'name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:int64 creationTimestamp=8:Time deletionTimestamp=9:Time deletionGracePeriodSeconds=10:int64! labels=11:map<string> annotations=12:map<string> ownerReferences=13:OwnerReference[] finalizers=14[] managedFields=17:ManagedFieldsEntry[]',
  Preconditions: 'uid=1! resourceVersion=2!',
  OwnerReference: 'apiVersion=5! kind=1! name=3! uid=4! controller=6:bool! blockOwnerDeletion=7:bool!',
  ManagedFieldsEntry: 'manager=1 operation=2 apiVersion=3 time=4:Time fieldsType=6 fieldsV1=7:FieldsV1 subresource=8',
  Condition: 'type=1! status=2! observedGeneration=3:int64 lastTransitionTime=4:Time reason=5! message=6!',
  LabelSelector: 'matchLabels=1:map<string> matchExpressions=2:LabelSelectorRequirement[]',
  LabelSelectorRequirement: 'key=1! operator=2! values=3[]',
};
