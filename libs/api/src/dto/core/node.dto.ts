import { IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsQuantityMap } from '../../quantity/is-quantity.js';
import { Definition, Describe, IsFreeForm, IsInt64, IsTime, Nested, PatchTag } from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { TaintDto } from './taint.dto.js';

const CORE = 'io.k8s.api.core.v1';
export const NODE_ADDRESS_TYPES = ['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'] as const;

@Definition(`${CORE}.NodeSpec`)
export class NodeSpecDto {
  @IsOptional() @IsString() podCIDR?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) @PatchTag('merge') podCIDRs?: string[];
  @IsOptional() @IsString() providerID?: string;
  @IsOptional()
  @IsBoolean()
  @Describe('If true, no new pods are scheduled to the node (kubectl cordon).')
  unschedulable?: boolean;
  // Kubernetes declares no patch strategy on taints: a patch replaces the whole list.
  @IsOptional() @Nested(() => TaintDto, { list: true }) @Describe("The node's taints.") taints?: TaintDto[];
  @IsOptional() @IsFreeForm() configSource?: Record<string, unknown>;
  @IsOptional() @IsString() externalID?: string;
}

@Definition(`${CORE}.NodeCondition`)
export class NodeConditionDto extends ConditionBaseDto {
  @IsOptional() @IsTime() lastHeartbeatTime?: string;
}

@Definition(`${CORE}.NodeAddress`)
export class NodeAddressDto {
  @IsDefined() @IsIn(NODE_ADDRESS_TYPES) type: string;
  @IsDefined() @IsString() address: string;
}

@Definition(`${CORE}.NodeSystemInfo`)
export class NodeSystemInfoDto {
  @IsOptional() @IsString() machineID?: string;
  @IsOptional() @IsString() systemUUID?: string;
  @IsOptional() @IsString() bootID?: string;
  @IsOptional() @IsString() kernelVersion?: string;
  @IsOptional() @IsString() osImage?: string;
  @IsOptional() @IsString() containerRuntimeVersion?: string;
  @IsOptional() @IsString() kubeletVersion?: string;
  @IsOptional() @IsString() kubeProxyVersion?: string;
  @IsOptional() @IsString() operatingSystem?: string;
  @IsOptional() @IsString() architecture?: string;
}

@Definition(`${CORE}.ContainerImage`)
export class ContainerImageDto {
  @IsOptional() @IsArray() @IsString({ each: true }) names?: string[];
  @IsOptional() @IsInt64() sizeBytes?: number;
}

@Definition(`${CORE}.NodeStatus`, { description: 'Most recently observed status of the node.' })
export class NodeStatusDto {
  @IsOptional() @IsQuantityMap() @Describe('Total resources of the node.') capacity?: Record<string, string | number>;
  @IsOptional()
  @IsQuantityMap()
  @Describe('Resources available for scheduling; defaults to capacity.')
  allocatable?: Record<string, string | number>;
  @IsOptional() @IsString() phase?: string;
  @IsOptional()
  @Nested(() => NodeConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: NodeConditionDto[];
  @IsOptional() @Nested(() => NodeAddressDto, { list: true }) @PatchTag('merge', 'type') addresses?: NodeAddressDto[];
  @IsOptional() @IsFreeForm() daemonEndpoints?: Record<string, unknown>;
  @IsOptional() @Nested(() => NodeSystemInfoDto) nodeInfo?: NodeSystemInfoDto;
  @IsOptional() @Nested(() => ContainerImageDto, { list: true }) images?: ContainerImageDto[];
  @IsOptional() @IsArray() @IsString({ each: true }) volumesInUse?: string[];
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) volumesAttached?: Record<string, unknown>[];
  @IsOptional() @IsFreeForm() config?: Record<string, unknown>;
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) runtimeHandlers?: Record<string, unknown>[];
  @IsOptional() @IsFreeForm() features?: Record<string, unknown>;
}

@Definition(`${CORE}.Node`, {
  description: 'A worker machine that runs pods; its node agent keeps the status current.',
  gvk: { group: '', version: 'v1', kind: 'Node' },
})
export class NodeDto extends KubeObjectDto {
  @IsOptional() @Nested(() => NodeSpecDto) spec?: NodeSpecDto;
  @IsOptional() @Nested(() => NodeStatusDto) status?: NodeStatusDto;
}
