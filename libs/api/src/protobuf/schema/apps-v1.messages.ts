import type { MessageTable } from './message-table.js';

/** Messages of apps/v1 (k8s.io.api.apps.v1); the notation is described in message-table.ts. */
export const APPS_V1_MESSAGES: MessageTable = {
  Deployment: 'metadata=1:ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus',
  ReplicaSet: 'metadata=1:ObjectMeta spec=2:ReplicaSetSpec status=3:ReplicaSetStatus',
  DeploymentSpec:
    'replicas=1:int32! selector=2:LabelSelector template=3:PodTemplateSpec strategy=4:DeploymentStrategy minReadySeconds=5:int32 revisionHistoryLimit=6:int32! paused=7:bool progressDeadlineSeconds=9:int32!',
  DeploymentStatus:
    'observedGeneration=1:int64 replicas=2:int32 updatedReplicas=3:int32 readyReplicas=7:int32 availableReplicas=4:int32 unavailableReplicas=5:int32 terminatingReplicas=9:int32! conditions=6:DeploymentCondition[] collisionCount=8:int32!',
  ReplicaSetSpec: 'replicas=1:int32! minReadySeconds=4:int32 selector=2:LabelSelector template=3:PodTemplateSpec',
  ReplicaSetStatus:
    'replicas=1:int32! fullyLabeledReplicas=2:int32 readyReplicas=4:int32 availableReplicas=5:int32 terminatingReplicas=7:int32! observedGeneration=3:int64 conditions=6:ReplicaSetCondition[]',
  DeploymentStrategy: 'type=1 rollingUpdate=2:RollingUpdateDeployment',
  DeploymentCondition: 'type=1! status=2! lastUpdateTime=6:Time lastTransitionTime=7:Time reason=4 message=5',
  ReplicaSetCondition: 'type=1! status=2! lastTransitionTime=3:Time reason=4 message=5',
  RollingUpdateDeployment: 'maxUnavailable=1:IntOrString! maxSurge=2:IntOrString!',
};
