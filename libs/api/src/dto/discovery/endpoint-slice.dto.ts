import { IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, IsStringMap, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PROTOCOLS } from '../core/container.dto.js';
import { ObjectReferenceDto } from '../core/object-reference.dto.js';

const DISCOVERY = 'io.k8s.api.discovery.v1';
export const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'] as const;
/** Kubernetes' limits: maxEndpoints and maxPorts of an EndpointSlice. */
export const MAX_SLICE_ENDPOINTS = 1000;
export const MAX_SLICE_PORTS = 20000;

@Definition(`${DISCOVERY}.EndpointConditions`)
export class EndpointConditionsDto {
  @IsOptional()
  @IsBoolean()
  @Describe('The endpoint is ready to receive traffic (false while terminating).')
  ready?: boolean;
  @IsOptional() @IsBoolean() @Describe('The endpoint is serving, regardless of terminating.') serving?: boolean;
  @IsOptional() @IsBoolean() @Describe('The endpoint is terminating.') terminating?: boolean;
}

@Definition(`${DISCOVERY}.ForZone`)
export class ForZoneDto {
  @IsDefined() @IsString() name: string;
}

@Definition(`${DISCOVERY}.EndpointHints`)
export class EndpointHintsDto {
  @IsOptional() @Nested(() => ForZoneDto, { list: true }) forZones?: ForZoneDto[];
}

@Definition(`${DISCOVERY}.Endpoint`)
export class EndpointDto {
  @IsDefined()
  @IsArray()
  @IsString({ each: true })
  @Describe('The addresses of this endpoint (one, as consumers use only the first).')
  addresses: string[];
  @IsOptional() @Nested(() => EndpointConditionsDto) conditions?: EndpointConditionsDto;
  @IsOptional() @IsString() hostname?: string;
  @IsOptional() @Nested(() => ObjectReferenceDto) targetRef?: ObjectReferenceDto;
  @IsOptional() @IsStringMap() deprecatedTopology?: Record<string, string>;
  @IsOptional() @IsString() @Describe('The node hosting this endpoint.') nodeName?: string;
  @IsOptional() @IsString() zone?: string;
  @IsOptional() @Nested(() => EndpointHintsDto) hints?: EndpointHintsDto;
}

@Definition(`${DISCOVERY}.EndpointPort`)
export class EndpointSlicePortDto {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsIn(PROTOCOLS) protocol?: string;
  @IsOptional() @IsInt32() port?: number;
  @IsOptional() @IsString() appProtocol?: string;
}

@Definition(`${DISCOVERY}.EndpointSlice`, {
  description: 'A subset of the endpoints that implement a service, kept by the EndpointSlice controller.',
  gvk: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' },
})
export class EndpointSliceDto extends KubeObjectDto {
  @IsDefined()
  @IsIn(ADDRESS_TYPES)
  @Describe('The type of address carried by this slice: IPv4, IPv6 or FQDN.')
  addressType: string;
  // Required in Kubernetes' schema, yet null in its placeholder slices (a Service without endpoints).
  @IsOptional()
  @Nested(() => EndpointDto, { list: true })
  @Describe('Unique endpoints of this slice (at most 1000).')
  endpoints: EndpointDto[];
  @IsOptional() @Nested(() => EndpointSlicePortDto, { list: true }) ports?: EndpointSlicePortDto[];
}
