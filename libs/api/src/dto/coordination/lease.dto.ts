import { IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, IsTime, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

@Definition('io.k8s.api.coordination.v1.LeaseSpec')
export class LeaseSpecDto {
  @IsOptional() @IsString() @Describe('Identity of the current holder of the lease.') holderIdentity?: string;
  @IsOptional()
  @IsInt32()
  @Describe('Seconds candidates wait before forcing acquisition.')
  leaseDurationSeconds?: number;
  @IsOptional() @IsTime() acquireTime?: string;
  @IsOptional() @IsTime() @Describe('Last time the holder renewed the lease.') renewTime?: string;
  @IsOptional() @IsInt32() leaseTransitions?: number;
  @IsOptional() @IsString() strategy?: string;
  @IsOptional() @IsString() preferredHolder?: string;
}

@Definition('io.k8s.api.coordination.v1.Lease', {
  description: 'A lease used for leader election and node heartbeats.',
  gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' },
})
export class LeaseDto extends KubeObjectDto {
  @IsOptional() @Nested(() => LeaseSpecDto) spec?: LeaseSpecDto;
}
