import { IsDefined, IsOptional } from 'class-validator';
import { Definition, Describe, IsInt32, Nested, PatchTag } from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { LabelSelectorDto } from '../meta/label-selector.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PodTemplateSpecDto } from '../core/pod-spec.dto.js';
import { ReplicaStatusBaseDto } from '../core/replication-controller.dto.js';

const APPS = 'io.k8s.api.apps.v1';

@Definition(`${APPS}.ReplicaSetSpec`)
export class ReplicaSetSpecDto {
  @IsOptional() @IsInt32() @Describe('Desired number of pods. Defaults to 1.') replicas?: number;
  @IsOptional() @IsInt32() minReadySeconds?: number;
  @IsDefined()
  @Nested(() => LabelSelectorDto)
  @Describe('Label query the pods must match; must match the template labels.')
  selector: LabelSelectorDto;
  @IsOptional() @Nested(() => PodTemplateSpecDto) template?: PodTemplateSpecDto;
}

@Definition(`${APPS}.ReplicaSetCondition`)
export class ReplicaSetConditionDto extends ConditionBaseDto {}

@Definition(`${APPS}.ReplicaSetStatus`)
export class ReplicaSetStatusDto extends ReplicaStatusBaseDto {
  @IsOptional() @IsInt32() terminatingReplicas?: number;
  @IsOptional()
  @Nested(() => ReplicaSetConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: ReplicaSetConditionDto[];
}

@Definition(`${APPS}.ReplicaSet`, {
  description: 'Keeps a stable set of replica pods running; normally managed by a Deployment.',
  gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
})
export class ReplicaSetDto extends KubeObjectDto {
  @IsOptional() @Nested(() => ReplicaSetSpecDto) spec?: ReplicaSetSpecDto;
  @IsOptional() @Nested(() => ReplicaSetStatusDto) status?: ReplicaSetStatusDto;
}
