import { Definition, Describe, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { PodSpecDto } from './pod-spec.dto.js';
import { PodStatusDto } from './pod-status.dto.js';
import { IsOptional } from 'class-validator';

@Definition('io.k8s.api.core.v1.Pod', {
  description: 'A collection of containers that run together on one node.',
  gvk: { group: '', version: 'v1', kind: 'Pod' },
})
export class PodDto extends KubeObjectDto {
  @IsOptional()
  @Nested(() => PodSpecDto)
  @Describe('Specification of the desired behavior of the pod.')
  spec?: PodSpecDto;
  @IsOptional()
  @Nested(() => PodStatusDto)
  @Describe('Most recently observed status of the pod; read-only for users.')
  status?: PodStatusDto;
}
