import { IsArray, IsInt, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

const LOGGING = 'io.k8s.api.logging.v1alpha1';

@Definition(`${LOGGING}.LogQuerySpec`)
export class LogQuerySpecDto {
  @IsOptional()
  @IsString()
  @Describe("Lucene query syntax as typed in Kibana's Discover; empty matches every line.")
  query?: string;
  @IsOptional() @IsString() @Describe('Only lines of this namespace.') namespace?: string;
  @IsOptional() @IsString() @Describe("A label selector over the pods' labels.") labelSelector?: string;
  @IsOptional() @IsString() @Describe('Only lines of this pod.') pod?: string;
  @IsOptional() @IsString() @Describe('Only lines of this container.') container?: string;
  @IsOptional() @IsInt() @Describe('Only lines at most this many seconds old.') sinceSeconds?: number;
  @IsOptional() @IsString() @Describe('Only lines at or after this RFC 3339 time.') sinceTime?: string;
  @IsOptional() @IsInt() @Describe('At most this many lines, 1 to 10000; default 100.') limit?: number;
  @IsOptional()
  @IsString()
  @Describe('A status.cursor of an earlier answer: only lines after it, oldest first.')
  after?: string;
}

@Definition(`${LOGGING}.LogEntry`)
export class LogEntryDto {
  @IsOptional() @IsString() timestamp?: string;
  @IsOptional() @IsString() namespace?: string;
  @IsOptional() @IsString() pod?: string;
  @IsOptional() @IsString() container?: string;
  @IsOptional() @IsString() stream?: string;
  @IsOptional() @IsString() log?: string;
}

@Definition(`${LOGGING}.LogQueryStatus`)
export class LogQueryStatusDto {
  @IsOptional() @IsInt() @Describe('How many lines match in all.') total?: number;
  @IsOptional() @IsString() @Describe('Pass as spec.after to get the lines that came since.') cursor?: string;
  @IsOptional() @IsArray() @Nested(() => LogEntryDto, { list: true }) entries?: LogEntryDto[];
}

@Definition(`${LOGGING}.LogQuery`, {
  description: 'A search of the container logs in the search engine; created, answered, never stored.',
  gvk: { group: 'logging.kubenest.io', version: 'v1alpha1', kind: 'LogQuery' },
})
export class LogQueryDto extends KubeObjectDto {
  @IsOptional() @Nested(() => LogQuerySpecDto) spec?: LogQuerySpecDto;
  @IsOptional() @Nested(() => LogQueryStatusDto) status?: LogQueryStatusDto;
}
