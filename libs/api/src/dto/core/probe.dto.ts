import { IsArray, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, IsInt64, IsIntOrString, Nested } from '../decorators/index.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.ExecAction`)
export class ExecActionDto {
  @IsOptional() @IsArray() @IsString({ each: true }) command?: string[];
}

@Definition(`${CORE}.HTTPHeader`)
export class HTTPHeaderDto {
  @IsDefined() @IsString() name: string;
  @IsDefined() @IsString() value: string;
}

@Definition(`${CORE}.HTTPGetAction`)
export class HTTPGetActionDto {
  @IsOptional() @IsString() path?: string;
  @IsDefined() @IsIntOrString() @Describe('Port number or name on the container.') port: number | string;
  @IsOptional() @IsString() host?: string;
  @IsOptional() @IsIn(['HTTP', 'HTTPS']) scheme?: string;
  @IsOptional() @Nested(() => HTTPHeaderDto, { list: true }) httpHeaders?: HTTPHeaderDto[];
}

@Definition(`${CORE}.TCPSocketAction`)
export class TCPSocketActionDto {
  @IsDefined() @IsIntOrString() port: number | string;
  @IsOptional() @IsString() host?: string;
}

@Definition(`${CORE}.GRPCAction`)
export class GRPCActionDto {
  @IsDefined() @IsInt32() port: number;
  @IsOptional() @IsString() service?: string;
}

@Definition(`${CORE}.SleepAction`)
export class SleepActionDto {
  @IsDefined() @IsInt64() seconds: number;
}

/** The handler fields probes and lifecycle hooks share (exactly one must be set). */
abstract class HandlerBaseDto {
  @IsOptional() @Nested(() => ExecActionDto) exec?: ExecActionDto;
  @IsOptional() @Nested(() => HTTPGetActionDto) httpGet?: HTTPGetActionDto;
  @IsOptional() @Nested(() => TCPSocketActionDto) tcpSocket?: TCPSocketActionDto;
}

@Definition(`${CORE}.Probe`, { description: 'A health check the node agent runs against a container.' })
export class ProbeDto extends HandlerBaseDto {
  @IsOptional() @Nested(() => GRPCActionDto) grpc?: GRPCActionDto;
  @IsOptional() @IsInt32() initialDelaySeconds?: number;
  @IsOptional() @IsInt32() @Describe('Seconds after which the probe times out. Defaults to 1.') timeoutSeconds?: number;
  @IsOptional() @IsInt32() @Describe('How often, in seconds, to probe. Defaults to 10.') periodSeconds?: number;
  @IsOptional() @IsInt32() successThreshold?: number;
  @IsOptional() @IsInt32() failureThreshold?: number;
  @IsOptional() @IsInt64() terminationGracePeriodSeconds?: number;
}

@Definition(`${CORE}.LifecycleHandler`)
export class LifecycleHandlerDto extends HandlerBaseDto {
  @IsOptional() @Nested(() => SleepActionDto) sleep?: SleepActionDto;
}

@Definition(`${CORE}.Lifecycle`)
export class LifecycleDto {
  @IsOptional() @Nested(() => LifecycleHandlerDto) postStart?: LifecycleHandlerDto;
  @IsOptional() @Nested(() => LifecycleHandlerDto) preStop?: LifecycleHandlerDto;
  @IsOptional() @IsString() stopSignal?: string;
}
