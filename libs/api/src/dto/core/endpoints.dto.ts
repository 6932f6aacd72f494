import { IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PROTOCOLS } from './container.dto.js';
import { ObjectReferenceDto } from './object-reference.dto.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.EndpointAddress`)
export class EndpointAddressDto {
  @IsDefined() @IsString() ip: string;
  @IsOptional() @IsString() hostname?: string;
  @IsOptional() @IsString() nodeName?: string;
  @IsOptional() @Nested(() => ObjectReferenceDto) targetRef?: ObjectReferenceDto;
}

@Definition(`${CORE}.EndpointPort`)
export class EndpointPortDto {
  @IsOptional() @IsString() name?: string;
  @IsDefined() @IsInt32() port: number;
  @IsOptional() @IsIn(PROTOCOLS) protocol?: string;
  @IsOptional() @IsString() appProtocol?: string;
}

@Definition(`${CORE}.EndpointSubset`)
export class EndpointSubsetDto {
  @IsOptional()
  @Nested(() => EndpointAddressDto, { list: true })
  @Describe('Ready addresses.')
  addresses?: EndpointAddressDto[];
  @IsOptional()
  @Nested(() => EndpointAddressDto, { list: true })
  @Describe('Addresses of pods that are not ready yet.')
  notReadyAddresses?: EndpointAddressDto[];
  @IsOptional() @Nested(() => EndpointPortDto, { list: true }) ports?: EndpointPortDto[];
}

@Definition(`${CORE}.Endpoints`, {
  description: 'The addresses and ports that implement a service, kept by the endpoints controller.',
  gvk: { group: '', version: 'v1', kind: 'Endpoints' },
})
export class EndpointsDto extends KubeObjectDto {
  @IsOptional() @Nested(() => EndpointSubsetDto, { list: true }) subsets?: EndpointSubsetDto[];
}
