import { IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, IsTime, Nested, PatchTag } from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';

const CORE = 'io.k8s.api.core.v1';
export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

@Definition(`${CORE}.PodCondition`)
export class PodConditionDto extends ConditionBaseDto {
  @IsOptional() @IsTime() lastProbeTime?: string;
}

@Definition(`${CORE}.ContainerStateWaiting`)
export class ContainerStateWaitingDto {
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() message?: string;
}

@Definition(`${CORE}.ContainerStateRunning`)
export class ContainerStateRunningDto {
  @IsOptional() @IsTime() startedAt?: string;
}

@Definition(`${CORE}.ContainerStateTerminated`)
export class ContainerStateTerminatedDto {
  @IsDefined() @IsInt32() exitCode: number;
  @IsOptional() @IsInt32() signal?: number;
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() message?: string;
  @IsOptional() @IsTime() startedAt?: string;
  @IsOptional() @IsTime() finishedAt?: string;
  @IsOptional() @IsString() containerID?: string;
}

@Definition(`${CORE}.ContainerState`, { description: 'One of waiting, running or terminated.' })
export class ContainerStateDto {
  @IsOptional() @Nested(() => ContainerStateWaitingDto) waiting?: ContainerStateWaitingDto;
  @IsOptional() @Nested(() => ContainerStateRunningDto) running?: ContainerStateRunningDto;
  @IsOptional() @Nested(() => ContainerStateTerminatedDto) terminated?: ContainerStateTerminatedDto;
}

@Definition(`${CORE}.ContainerStatus`)
export class ContainerStatusDto {
  @IsDefined() @IsString() name: string;
  @IsOptional() @Nested(() => ContainerStateDto) state?: ContainerStateDto;
  @IsOptional() @Nested(() => ContainerStateDto) lastState?: ContainerStateDto;
  @IsOptional() @IsBoolean() ready?: boolean;
  @IsOptional() @IsInt32() restartCount?: number;
  @IsOptional() @IsString() image?: string;
  @IsOptional() @IsString() imageID?: string;
  @IsOptional() @IsString() containerID?: string;
  @IsOptional() @IsBoolean() started?: boolean;
}

@Definition(`${CORE}.PodIP`)
export class PodIPDto {
  @IsDefined() @IsString() ip: string;
}

@Definition(`${CORE}.HostIP`)
export class HostIPDto {
  @IsDefined() @IsString() ip: string;
}

@Definition(`${CORE}.PodStatus`, { description: 'Most recently observed status of the pod.' })
export class PodStatusDto {
  @IsOptional() @IsIn(POD_PHASES) @Describe('Pending, Running, Succeeded, Failed or Unknown.') phase?: string;
  @IsOptional()
  @Nested(() => PodConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: PodConditionDto[];
  @IsOptional() @IsString() message?: string;
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() nominatedNodeName?: string;
  @IsOptional() @IsString() hostIP?: string;
  @IsOptional() @Nested(() => HostIPDto, { list: true }) @PatchTag('merge', 'ip') hostIPs?: HostIPDto[];
  @IsOptional() @IsString() podIP?: string;
  @IsOptional() @Nested(() => PodIPDto, { list: true }) @PatchTag('merge', 'ip') podIPs?: PodIPDto[];
  @IsOptional() @IsTime() startTime?: string;
  @IsOptional() @Nested(() => ContainerStatusDto, { list: true }) initContainerStatuses?: ContainerStatusDto[];
  @IsOptional() @Nested(() => ContainerStatusDto, { list: true }) containerStatuses?: ContainerStatusDto[];
  @IsOptional() @IsIn(['Guaranteed', 'Burstable', 'BestEffort']) qosClass?: string;
  @IsOptional() @Nested(() => ContainerStatusDto, { list: true }) ephemeralContainerStatuses?: ContainerStatusDto[];
}
