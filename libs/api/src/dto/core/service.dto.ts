import { IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import {
  Definition,
  Describe,
  IsFreeForm,
  IsInt32,
  IsIntOrString,
  IsStringMap,
  Nested,
  PatchTag,
} from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PROTOCOLS } from './container.dto.js';

const CORE = 'io.k8s.api.core.v1';
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;
export const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;

@Definition(`${CORE}.ServicePort`)
export class ServicePortDto {
  @IsOptional()
  @IsString()
  @Describe('Name of the port (DNS label); required when the service has several ports.')
  name?: string;
  @IsOptional() @IsIn(PROTOCOLS) protocol?: string;
  @IsOptional() @IsString() appProtocol?: string;
  @IsDefined() @IsInt32() @Describe('Port the service exposes.') port: number;
  @IsOptional() @IsIntOrString() @Describe('Number or name of the port on the pods; defaults to port.') targetPort?:
    number | string;
  @IsOptional() @IsInt32() @Describe('Port on every node for NodePort and LoadBalancer services.') nodePort?: number;
}

@Definition(`${CORE}.ServiceSpec`, { description: 'The attributes a user creates on a service.' })
export class ServiceSpecDto {
  @IsOptional()
  @Nested(() => ServicePortDto, { list: true })
  @PatchTag('merge', 'port')
  @Describe('Ports exposed by this service.')
  ports?: ServicePortDto[];
  @IsOptional()
  @IsStringMap()
  @Describe('Routes traffic to pods with labels matching this selector.')
  selector?: Record<string, string>;
  @IsOptional() @IsString() @Describe('Virtual IP of the service; "None" for a headless service.') clusterIP?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) clusterIPs?: string[];
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  @Describe('ClusterIP, NodePort, LoadBalancer or ExternalName. Defaults to ClusterIP.')
  type?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) externalIPs?: string[];
  @IsOptional() @IsIn(['ClientIP', 'None']) sessionAffinity?: string;
  @IsOptional() @IsString() loadBalancerIP?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) loadBalancerSourceRanges?: string[];
  @IsOptional() @IsString() externalName?: string;
  @IsOptional() @IsIn(TRAFFIC_POLICIES) externalTrafficPolicy?: string;
  @IsOptional() @IsInt32() healthCheckNodePort?: number;
  @IsOptional() @IsBoolean() publishNotReadyAddresses?: boolean;
  @IsOptional() @IsFreeForm() sessionAffinityConfig?: Record<string, unknown>;
  @IsOptional() @IsArray() @IsIn(['IPv4', 'IPv6'], { each: true }) ipFamilies?: string[];
  @IsOptional() @IsIn(['SingleStack', 'PreferDualStack', 'RequireDualStack']) ipFamilyPolicy?: string;
  @IsOptional() @IsBoolean() allocateLoadBalancerNodePorts?: boolean;
  @IsOptional() @IsString() loadBalancerClass?: string;
  @IsOptional() @IsIn(TRAFFIC_POLICIES) internalTrafficPolicy?: string;
  @IsOptional() @IsString() trafficDistribution?: string;
}

@Definition(`${CORE}.LoadBalancerIngress`)
export class LoadBalancerIngressDto {
  @IsOptional() @IsString() ip?: string;
  @IsOptional() @IsString() hostname?: string;
  @IsOptional() @IsString() ipMode?: string;
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) ports?: Record<string, unknown>[];
}

@Definition(`${CORE}.LoadBalancerStatus`)
export class LoadBalancerStatusDto {
  @IsOptional() @Nested(() => LoadBalancerIngressDto, { list: true }) ingress?: LoadBalancerIngressDto[];
}

@Definition('io.k8s.apimachinery.pkg.apis.meta.v1.Condition')
export class MetaConditionDto extends ConditionBaseDto {
  @IsOptional() @IsInt32() observedGeneration?: number;
}

@Definition(`${CORE}.ServiceStatus`)
export class ServiceStatusDto {
  @IsOptional() @Nested(() => LoadBalancerStatusDto) loadBalancer?: LoadBalancerStatusDto;
  @IsOptional()
  @Nested(() => MetaConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: MetaConditionDto[];
}

@Definition(`${CORE}.Service`, {
  description: 'A named abstraction of a set of pods behind a stable virtual IP and ports, load-balanced by the proxy.',
  gvk: { group: '', version: 'v1', kind: 'Service' },
})
export class ServiceDto extends KubeObjectDto {
  @IsOptional() @Nested(() => ServiceSpecDto) @Describe('Behavior of the service.') spec?: ServiceSpecDto;
  @IsOptional() @Nested(() => ServiceStatusDto) status?: ServiceStatusDto;
}
