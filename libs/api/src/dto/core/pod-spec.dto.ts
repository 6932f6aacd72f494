import { IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsQuantityMap } from '../../quantity/is-quantity.js';
import {
  Definition,
  Describe,
  IsFreeForm,
  IsInt32,
  IsInt64,
  IsStringMap,
  Nested,
  PatchTag,
} from '../decorators/index.js';
import { ObjectMetaDto } from '../meta/object-meta.dto.js';
import { AffinityDto } from './affinity.dto.js';
import { ContainerDto } from './container.dto.js';
import { LocalObjectReferenceDto } from './object-reference.dto.js';
import { TolerationDto } from './taint.dto.js';
import { VolumeDto } from './volume.dto.js';
import { LabelSelectorDto } from '../meta/label-selector.dto.js';

const CORE = 'io.k8s.api.core.v1';
export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;

@Definition(`${CORE}.HostAlias`)
export class HostAliasDto {
  @IsDefined() @IsString() ip: string;
  @IsOptional() @IsArray() @IsString({ each: true }) hostnames?: string[];
}

@Definition(`${CORE}.TopologySpreadConstraint`)
export class TopologySpreadConstraintDto {
  @IsDefined() @IsInt32() maxSkew: number;
  @IsDefined() @IsString() topologyKey: string;
  @IsDefined() @IsIn(['DoNotSchedule', 'ScheduleAnyway']) whenUnsatisfiable: string;
  @IsOptional() @Nested(() => LabelSelectorDto) labelSelector?: LabelSelectorDto;
  @IsOptional() @IsInt32() minDomains?: number;
  @IsOptional() @IsString() nodeAffinityPolicy?: string;
  @IsOptional() @IsString() nodeTaintsPolicy?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) matchLabelKeys?: string[];
}

@Definition(`${CORE}.PodReadinessGate`)
export class PodReadinessGateDto {
  @IsDefined() @IsString() conditionType: string;
}

@Definition(`${CORE}.PodSchedulingGate`)
export class PodSchedulingGateDto {
  @IsDefined() @IsString() name: string;
}

@Definition(`${CORE}.PodSpec`, {
  description: 'The desired behavior of a pod: its containers, volumes and scheduling constraints.',
})
export class PodSpecDto {
  @IsOptional()
  @Nested(() => VolumeDto, { list: true })
  @PatchTag('merge,retainKeys', 'name')
  @Describe('Volumes that containers of the pod can mount.')
  volumes?: VolumeDto[];
  @IsOptional()
  @Nested(() => ContainerDto, { list: true })
  @PatchTag('merge', 'name')
  @Describe('Containers run in order before the app containers start.')
  initContainers?: ContainerDto[];
  @IsDefined()
  @Nested(() => ContainerDto, { list: true })
  @PatchTag('merge', 'name')
  @Describe('Containers of the pod; at least one.')
  containers: ContainerDto[];
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) @PatchTag('merge', 'name') ephemeralContainers?: Record<
    string,
    unknown
  >[];
  @IsOptional()
  @IsIn(RESTART_POLICIES)
  @Describe('Always, OnFailure or Never. Defaults to Always.')
  restartPolicy?: string;
  @IsOptional()
  @IsInt64()
  @Describe('Seconds the pod gets to stop gracefully. Defaults to 30.')
  terminationGracePeriodSeconds?: number;
  @IsOptional() @IsInt64() activeDeadlineSeconds?: number;
  @IsOptional() @IsIn(DNS_POLICIES) @Describe('DNS policy; defaults to ClusterFirst.') dnsPolicy?: string;
  @IsOptional()
  @IsStringMap()
  @Describe('Labels a node must have for the pod to be scheduled there.')
  nodeSelector?: Record<string, string>;
  @IsOptional() @IsString() serviceAccountName?: string;
  @IsOptional() @IsString() serviceAccount?: string;
  @IsOptional() @IsBoolean() automountServiceAccountToken?: boolean;
  @IsOptional() @IsString() @Describe('Node the pod is bound to; set by the scheduler.') nodeName?: string;
  @IsOptional() @IsBoolean() hostNetwork?: boolean;
  @IsOptional() @IsBoolean() hostPID?: boolean;
  @IsOptional() @IsBoolean() hostIPC?: boolean;
  @IsOptional() @IsBoolean() shareProcessNamespace?: boolean;
  @IsOptional() @IsFreeForm() securityContext?: Record<string, unknown>;
  @IsOptional()
  @Nested(() => LocalObjectReferenceDto, { list: true })
  @PatchTag('merge', 'name')
  imagePullSecrets?: LocalObjectReferenceDto[];
  @IsOptional() @IsString() hostname?: string;
  @IsOptional() @IsString() subdomain?: string;
  @IsOptional() @Nested(() => AffinityDto) affinity?: AffinityDto;
  @IsOptional()
  @IsString()
  @Describe('Scheduler that schedules the pod. Defaults to default-scheduler.')
  schedulerName?: string;
  @IsOptional()
  @Nested(() => TolerationDto, { list: true })
  @Describe('Taints the pod tolerates.')
  tolerations?: TolerationDto[];
  @IsOptional() @Nested(() => HostAliasDto, { list: true }) @PatchTag('merge', 'ip') hostAliases?: HostAliasDto[];
  @IsOptional() @IsString() priorityClassName?: string;
  @IsOptional() @IsInt32() priority?: number;
  @IsOptional() @IsFreeForm() dnsConfig?: Record<string, unknown>;
  @IsOptional() @Nested(() => PodReadinessGateDto, { list: true }) readinessGates?: PodReadinessGateDto[];
  @IsOptional() @IsString() runtimeClassName?: string;
  @IsOptional() @IsBoolean() enableServiceLinks?: boolean;
  @IsOptional() @IsString() preemptionPolicy?: string;
  @IsOptional() @IsQuantityMap() overhead?: Record<string, string | number>;
  @IsOptional()
  @Nested(() => TopologySpreadConstraintDto, { list: true })
  @PatchTag('merge', 'topologyKey')
  topologySpreadConstraints?: TopologySpreadConstraintDto[];
  @IsOptional() @IsBoolean() setHostnameAsFQDN?: boolean;
  @IsOptional() @IsFreeForm() os?: Record<string, unknown>;
  @IsOptional() @IsBoolean() hostUsers?: boolean;
  @IsOptional()
  @Nested(() => PodSchedulingGateDto, { list: true })
  @PatchTag('merge', 'name')
  schedulingGates?: PodSchedulingGateDto[];
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) @PatchTag('merge,retainKeys', 'name') resourceClaims?: Record<
    string,
    unknown
  >[];
  @IsOptional() @IsFreeForm() resources?: Record<string, unknown>;
}

@Definition(`${CORE}.PodTemplateSpec`, {
  description: 'The pods a workload controller creates: their metadata and spec.',
})
export class PodTemplateSpecDto {
  @IsOptional()
  @Nested(() => ObjectMetaDto)
  @Describe('Metadata of the pods created from this template.')
  metadata?: ObjectMetaDto;
  @IsOptional()
  @Nested(() => PodSpecDto)
  @Describe('Specification of the desired behavior of the pod.')
  spec?: PodSpecDto;
}
