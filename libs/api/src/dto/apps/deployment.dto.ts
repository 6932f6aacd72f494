import { IsBoolean, IsDefined, IsIn, IsOptional } from 'class-validator';
import {
  Definition,
  Describe,
  IsInt32,
  IsInt64,
  IsIntOrString,
  IsTime,
  Nested,
  PatchTag,
} from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { LabelSelectorDto } from '../meta/label-selector.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PodTemplateSpecDto } from '../core/pod-spec.dto.js';

const APPS = 'io.k8s.api.apps.v1';

@Definition(`${APPS}.RollingUpdateDeployment`)
export class RollingUpdateDeploymentDto {
  @IsOptional()
  @IsIntOrString()
  @Describe('Pods that may be unavailable during the update: a number or a percentage. Defaults to 25%.')
  maxUnavailable?: number | string;
  @IsOptional()
  @IsIntOrString()
  @Describe('Pods that may be created above the desired count: a number or a percentage. Defaults to 25%.')
  maxSurge?: number | string;
}

@Definition(`${APPS}.DeploymentStrategy`)
export class DeploymentStrategyDto {
  @IsOptional()
  @IsIn(['Recreate', 'RollingUpdate'])
  @Describe('Recreate or RollingUpdate. Defaults to RollingUpdate.')
  type?: string;
  @IsOptional() @Nested(() => RollingUpdateDeploymentDto) rollingUpdate?: RollingUpdateDeploymentDto;
}

@Definition(`${APPS}.DeploymentSpec`, { description: 'The desired behavior of a Deployment.' })
export class DeploymentSpecDto {
  @IsOptional() @IsInt32() @Describe('Desired number of pods. Defaults to 1.') replicas?: number;
  @IsDefined()
  @Nested(() => LabelSelectorDto)
  @Describe('Label selector for pods; must match the template labels and cannot change.')
  selector: LabelSelectorDto;
  @IsDefined()
  @Nested(() => PodTemplateSpecDto)
  @Describe('Template of the pods the Deployment creates.')
  template: PodTemplateSpecDto;
  @IsOptional()
  @Nested(() => DeploymentStrategyDto)
  @PatchTag('retainKeys')
  @Describe('How old pods are replaced by new ones.')
  strategy?: DeploymentStrategyDto;
  @IsOptional()
  @IsInt32()
  @Describe('Seconds a new pod must be ready before it counts as available.')
  minReadySeconds?: number;
  @IsOptional()
  @IsInt32()
  @Describe('Old ReplicaSets to keep for rollback. Defaults to 10.')
  revisionHistoryLimit?: number;
  @IsOptional() @IsBoolean() @Describe('Indicates that the deployment is paused.') paused?: boolean;
  @IsOptional()
  @IsInt32()
  @Describe('Seconds before a stalled rollout is reported as failed. Defaults to 600.')
  progressDeadlineSeconds?: number;
}

@Definition(`${APPS}.DeploymentCondition`)
export class DeploymentConditionDto extends ConditionBaseDto {
  @IsOptional() @IsTime() lastUpdateTime?: string;
}

@Definition(`${APPS}.DeploymentStatus`)
export class DeploymentStatusDto {
  @IsOptional() @IsInt64() observedGeneration?: number;
  @IsOptional() @IsInt32() replicas?: number;
  @IsOptional() @IsInt32() updatedReplicas?: number;
  @IsOptional() @IsInt32() readyReplicas?: number;
  @IsOptional() @IsInt32() availableReplicas?: number;
  @IsOptional() @IsInt32() unavailableReplicas?: number;
  @IsOptional() @IsInt32() terminatingReplicas?: number;
  @IsOptional()
  @Nested(() => DeploymentConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: DeploymentConditionDto[];
  @IsOptional() @IsInt32() collisionCount?: number;
}

@Definition(`${APPS}.Deployment`, {
  description: 'Declarative updates for pods through ReplicaSets, with rolling updates and rollback.',
  gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
})
export class DeploymentDto extends KubeObjectDto {
  @IsOptional()
  @Nested(() => DeploymentSpecDto)
  @Describe('Specification of the desired behavior of the Deployment.')
  spec?: DeploymentSpecDto;
  @IsOptional()
  @Nested(() => DeploymentStatusDto)
  @Describe('Most recently observed status of the Deployment.')
  status?: DeploymentStatusDto;
}
