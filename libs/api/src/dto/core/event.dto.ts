import { IsDefined, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt32, IsTime, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';
import { ObjectReferenceDto } from './object-reference.dto.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.EventSource`)
export class EventSourceDto {
  @IsOptional() @IsString() component?: string;
  @IsOptional() @IsString() host?: string;
}

@Definition(`${CORE}.EventSeries`)
export class EventSeriesDto {
  @IsOptional() @IsInt32() count?: number;
  @IsOptional() @IsTime() lastObservedTime?: string;
}

@Definition(`${CORE}.Event`, {
  description: 'A report of something that happened to an object in the cluster.',
  gvk: { group: '', version: 'v1', kind: 'Event' },
})
export class EventDto extends KubeObjectDto {
  @IsDefined()
  @Nested(() => ObjectReferenceDto)
  @Describe('The object this event is about.')
  involvedObject: ObjectReferenceDto;
  @IsOptional() @IsString() @Describe('Short, machine-understandable reason, in UpperCamelCase.') reason?: string;
  @IsOptional() @IsString() @Describe('Human-readable description.') message?: string;
  @IsOptional() @Nested(() => EventSourceDto) source?: EventSourceDto;
  @IsOptional() @IsTime() firstTimestamp?: string;
  @IsOptional() @IsTime() lastTimestamp?: string;
  @IsOptional() @IsInt32() count?: number;
  @IsOptional() @IsString() @Describe('Normal or Warning.') type?: string;
  @IsOptional() @IsTime() eventTime?: string;
  @IsOptional() @Nested(() => EventSeriesDto) series?: EventSeriesDto;
  @IsOptional() @IsString() action?: string;
  @IsOptional() @Nested(() => ObjectReferenceDto) related?: ObjectReferenceDto;
  @IsOptional() @IsString() reportingComponent?: string;
  @IsOptional() @IsString() reportingInstance?: string;
}
