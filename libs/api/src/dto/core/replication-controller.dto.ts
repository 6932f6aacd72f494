import { IsOptional } from 'class-validator';
import { Definition, Describe, IsInt32, IsInt64, IsStringMap, Nested, PatchTag } from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PodTemplateSpecDto } from './pod-spec.dto.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.ReplicationControllerSpec`)
export class ReplicationControllerSpecDto {
  @IsOptional() @IsInt32() @Describe('Desired number of pods. Defaults to 1.') replicas?: number;
  @IsOptional() @IsInt32() minReadySeconds?: number;
  @IsOptional()
  @IsStringMap()
  @Describe('Label query the pods must match; defaults to the template labels.')
  selector?: Record<string, string>;
  @IsOptional()
  @Nested(() => PodTemplateSpecDto)
  @Describe('Pods created when too few match the selector.')
  template?: PodTemplateSpecDto;
}

@Definition(`${CORE}.ReplicationControllerCondition`)
export class ReplicationControllerConditionDto extends ConditionBaseDto {}

/** The status fields ReplicationController and ReplicaSet share. */
export abstract class ReplicaStatusBaseDto {
  @IsOptional() @IsInt32() replicas?: number;
  @IsOptional() @IsInt32() fullyLabeledReplicas?: number;
  @IsOptional() @IsInt32() readyReplicas?: number;
  @IsOptional() @IsInt32() availableReplicas?: number;
  @IsOptional() @IsInt64() observedGeneration?: number;
}

@Definition(`${CORE}.ReplicationControllerStatus`)
export class ReplicationControllerStatusDto extends ReplicaStatusBaseDto {
  @IsOptional()
  @Nested(() => ReplicationControllerConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: ReplicationControllerConditionDto[];
}

@Definition(`${CORE}.ReplicationController`, {
  description: 'Keeps the configured number of pod replicas running.',
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
})
export class ReplicationControllerDto extends KubeObjectDto {
  @IsOptional() @Nested(() => ReplicationControllerSpecDto) spec?: ReplicationControllerSpecDto;
  @IsOptional() @Nested(() => ReplicationControllerStatusDto) status?: ReplicationControllerStatusDto;
}
