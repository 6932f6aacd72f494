import { IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsQuantityMap } from '../../quantity/is-quantity.js';
import { Definition, Describe, IsFreeForm, IsInt32, Nested, PatchTag } from '../decorators/index.js';
import { EnvFromSourceDto, EnvVarDto } from './env.dto.js';
import { LifecycleDto, ProbeDto } from './probe.dto.js';

const CORE = 'io.k8s.api.core.v1';
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

@Definition(`${CORE}.ContainerPort`)
export class ContainerPortDto {
  @IsOptional() @IsString() @Describe('IANA_SVC_NAME for the port, unique within the pod.') name?: string;
  @IsOptional() @IsInt32() hostPort?: number;
  @IsDefined() @IsInt32() @Describe('Port number on the pod IP, 1-65535.') containerPort: number;
  @IsOptional() @IsIn(PROTOCOLS) @Describe('TCP, UDP or SCTP. Defaults to TCP.') protocol?: string;
  @IsOptional() @IsString() hostIP?: string;
}

@Definition(`${CORE}.VolumeMount`)
export class VolumeMountDto {
  @IsDefined() @IsString() @Describe('Name of a volume of the pod.') name: string;
  @IsOptional() @IsBoolean() readOnly?: boolean;
  @IsOptional() @IsString() recursiveReadOnly?: string;
  @IsDefined() @IsString() @Describe('Path inside the container at which the volume is mounted.') mountPath: string;
  @IsOptional() @IsString() subPath?: string;
  @IsOptional() @IsString() mountPropagation?: string;
  @IsOptional() @IsString() subPathExpr?: string;
}

@Definition(`${CORE}.ResourceRequirements`, {
  description: 'Compute resources a container requests and may not exceed.',
})
export class ResourceRequirementsDto {
  @IsOptional() @IsQuantityMap() @Describe('Maximum amount of compute resources allowed.') limits?: Record<
    string,
    string | number
  >;
  @IsOptional()
  @IsQuantityMap()
  @Describe('Minimum amount of compute resources required; used for scheduling.')
  requests?: Record<string, string | number>;
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) claims?: Record<string, unknown>[];
}

@Definition(`${CORE}.Container`, { description: 'A single application container to run within a pod.' })
export class ContainerDto {
  @IsDefined() @IsString() @Describe('Name of the container (DNS label), unique within the pod.') name: string;
  @IsOptional() @IsString() @Describe('Container image name.') image?: string;
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Describe('Entrypoint array; replaces the image ENTRYPOINT.')
  command?: string[];
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Describe('Arguments to the entrypoint; replace the image CMD.')
  args?: string[];
  @IsOptional() @IsString() workingDir?: string;
  @IsOptional()
  @Nested(() => ContainerPortDto, { list: true })
  @PatchTag('merge', 'containerPort')
  @Describe('Ports to expose from the container.')
  ports?: ContainerPortDto[];
  @IsOptional() @Nested(() => EnvFromSourceDto, { list: true }) envFrom?: EnvFromSourceDto[];
  @IsOptional()
  @Nested(() => EnvVarDto, { list: true })
  @PatchTag('merge', 'name')
  @Describe('Environment variables to set in the container.')
  env?: EnvVarDto[];
  @IsOptional()
  @Nested(() => ResourceRequirementsDto)
  @Describe('Compute resources required by this container.')
  resources?: ResourceRequirementsDto;
  @IsOptional()
  @Nested(() => VolumeMountDto, { list: true })
  @PatchTag('merge', 'mountPath')
  volumeMounts?: VolumeMountDto[];
  @IsOptional() @Nested(() => ProbeDto) @Describe('Restarts the container when it fails.') livenessProbe?: ProbeDto;
  @IsOptional()
  @Nested(() => ProbeDto)
  @Describe('Removes the pod from Service endpoints while it fails.')
  readinessProbe?: ProbeDto;
  @IsOptional() @Nested(() => ProbeDto) startupProbe?: ProbeDto;
  @IsOptional() @Nested(() => LifecycleDto) lifecycle?: LifecycleDto;
  @IsOptional() @IsString() terminationMessagePath?: string;
  @IsOptional() @IsIn(['File', 'FallbackToLogsOnError']) terminationMessagePolicy?: string;
  @IsOptional()
  @IsIn(PULL_POLICIES)
  @Describe('Always, Never or IfNotPresent; defaults by image tag.')
  imagePullPolicy?: string;
  @IsOptional() @IsFreeForm() securityContext?: Record<string, unknown>;
  @IsOptional() @IsString() restartPolicy?: string;
  @IsOptional() @IsArray() @IsFreeForm({ each: true }) resizePolicy?: Record<string, unknown>[];
  @IsOptional() @IsBoolean() stdin?: boolean;
  @IsOptional() @IsBoolean() stdinOnce?: boolean;
  @IsOptional() @IsBoolean() tty?: boolean;
}
