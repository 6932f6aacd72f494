import { IsArray, IsDefined, IsOptional, IsString } from 'class-validator';
import { IsQuantityMap } from '../../quantity/is-quantity.js';
import { Definition, Describe, IsTime, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

const METRICS = 'io.k8s.api.metrics.v1beta1';

@Definition(`${METRICS}.NodeMetrics`, {
  description: 'Resource usage of a node: CPU in nanocores and working-set memory, over the last sampling window.',
  gvk: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics' },
})
export class NodeMetricsDto extends KubeObjectDto {
  @IsOptional() @IsTime() @Describe('When the usage was sampled.') timestamp?: string;
  @IsOptional()
  @IsString()
  @Describe('The time between the two readings the CPU rate comes from, e.g. "10s".')
  window?: string;
  @IsOptional() @IsQuantityMap() @Describe('cpu and memory in use.') usage?: Record<string, string | number>;
}

@Definition(`${METRICS}.ContainerMetrics`, { description: 'Resource usage of one container.' })
export class ContainerMetricsDto {
  @IsDefined() @IsString() name: string;
  @IsOptional() @IsQuantityMap() @Describe('cpu and memory in use.') usage?: Record<string, string | number>;
}

@Definition(`${METRICS}.PodMetrics`, {
  description: "Resource usage of a pod's containers over the last sampling window.",
  gvk: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' },
})
export class PodMetricsDto extends KubeObjectDto {
  @IsOptional() @IsTime() @Describe('When the usage was sampled.') timestamp?: string;
  @IsOptional()
  @IsString()
  @Describe('The time between the two readings the CPU rate comes from, e.g. "10s".')
  window?: string;
  @IsOptional() @IsArray() @Nested(() => ContainerMetricsDto, { list: true }) containers?: ContainerMetricsDto[];
}
