import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ApiError,
  builtinResource,
  mediaTypeOf,
  PatchContentType,
  type KubeObject,
  type ResourceCatalog,
  type ResourceType,
} from '#api';
import type { ObjectAddress, ResourceRegistry, WritableSubresource } from '../registry/resource-registry.js';
import type { ScaleSubresource } from '../registry/scale-subresource.js';
import type { PodBinding } from '../registry/pod-binding.js';
import type { IncludeObject } from '../table/index.js';
import { decodeBody, readRawBody } from './body-reader.js';
import { negotiateResponse } from './content-negotiation.js';
import { deleteOptions, isWatch, listOptions, watchOptions, writeOptions } from './query-options.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { PodLogProxy } from '../node-proxy/index.js';
import type { TokenReviewer } from '../authentication/token-review.js';
import { MetricsApi } from '../metrics-api/metrics-api.js';
import type { LogSearch } from '../log-search/log-search.js';
import { presentList, presentObject, writeBody, type Presentation } from './response-writer.js';
import { streamWatch } from './watch-streamer.js';

export interface RequestLimits {
  maxRequestBodyBytes: number;
  /** A watch without timeoutSeconds ends after a random time between this and twice this, so clients do not relist in lockstep. */
  minRequestTimeoutSeconds: number;
}

/** Verbs as Kubernetes names them in audit logs and metrics. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** Handles one request for a resource: finds its kind, reads the body, calls the registry, writes the answer. */
export class ResourceHandler {
  constructor(
    private readonly catalog: ResourceCatalog,
    private readonly registry: ResourceRegistry,
    private readonly scale: ScaleSubresource,
    private readonly binding: PodBinding,
    private readonly podLogs: PodLogProxy,
    private readonly tokenReviews: TokenReviewer,
    private readonly limits: RequestLimits,
    private readonly metricsApi?: MetricsApi,
    private readonly logSearch?: LogSearch,
  ) {}

  /** The verb a request maps to, for metrics; throws the 404/405 a bad path or method deserves. */
  verbOf(method: string, info: ResourceRequestInfo, query: URLSearchParams): Verb {
    const collection = info.name === undefined;
    switch (method) {
      case 'GET':
      case 'HEAD':
        return collection ? (isWatch(query) ? 'watch' : 'list') : 'get';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return collection ? 'deletecollection' : 'delete';
      default:
        throw ApiError.methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    info: ResourceRequestInfo,
    query: URLSearchParams,
  ): Promise<void> {
    const type = this.typeOf(info);
    const verb = this.verbOf(req.method ?? 'GET', info, query);
    const format = negotiateResponse(req.headers.accept);
    const presentation: Presentation = { format, includeObject: includeObjectOf(query), now: new Date() };
    if (type.namespaced && info.namespace === undefined && verb !== 'list' && verb !== 'watch') {
      throw ApiError.notFound({ kind: type.resource, group: type.group, name: info.name });
    }
    const namespace = type.namespaced ? info.namespace : undefined;
    if (MetricsApi.serves(type) && this.metricsApi) {
      if (verb === 'get')
        return writeBody(
          res,
          200,
          presentObject(type, await this.metricsApi.get(type, namespace, info.name!), presentation),
          format,
        );
      if (verb === 'list')
        return writeBody(
          res,
          200,
          presentList(type, await this.metricsApi.list(type, namespace, listOptions(query)), presentation),
          format,
        );
      throw ApiError.methodNotAllowed(`${verb} is not allowed on ${type.resource}.${type.group}`);
    }
    if (type === LOG_QUERIES && this.logSearch) {
      if (verb !== 'create' || info.name !== undefined) throw ApiError.methodNotAllowed('logqueries only accepts POST');
      return writeBody(res, 201, await this.logSearch.create(await this.body(req)), format);
    }
    if (type === TOKEN_REVIEWS) {
      if (verb !== 'create' || info.name !== undefined)
        throw ApiError.methodNotAllowed('tokenreviews only accepts POST');
      return writeBody(res, 201, this.tokenReviews.review(await this.body(req)), format);
    }
    if (info.name === undefined) return this.collection(req, res, verb, type, namespace, query, presentation);
    const address: ObjectAddress = { type, namespace, name: info.name };
    switch (info.subresource) {
      case undefined:
      case 'status':
      case 'finalize':
        return this.object(req, res, verb, address, info.subresource, query, presentation);
      case 'scale':
        return this.scaleRequest(req, res, verb, address, query, presentation);
      case 'binding':
        if (verb !== 'create') throw ApiError.methodNotAllowed('pods/binding only accepts POST');
        await this.binding.bind(address, await this.body(req), writeOptions(query));
        return writeBody(res, 201, successStatus(201), format);
      case 'eviction': {
        // policy/v1 Eviction: a delete with the eviction's DeleteOptions (no PodDisruptionBudgets to consult yet).
        if (verb !== 'create') throw ApiError.methodNotAllowed('pods/eviction only accepts POST');
        const eviction = (await this.body(req)) as { deleteOptions?: unknown };
        await this.registry.delete(address, deleteOptions(query, eviction?.deleteOptions));
        return writeBody(res, 201, successStatus(201), format);
      }
      case 'log':
        if (verb !== 'get') throw ApiError.methodNotAllowed('pods/log only accepts GET');
        return this.podLogs.stream(res, await this.registry.get(address), query);
      case 'exec':
      case 'attach':
      case 'portforward':
        throw ApiError.badRequest(`Upgrade request required: pods/${info.subresource} is served over WebSocket`);
      default:
        throw ApiError.notFound({ kind: `${type.resource}/${info.subresource}`, group: type.group, name: info.name });
    }
  }

  private async collection(
    req: IncomingMessage,
    res: ServerResponse,
    verb: Verb,
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
    p: Presentation,
  ): Promise<void> {
    switch (verb) {
      case 'list': {
        const list = await this.registry.list(type, namespace, listOptions(query));
        return writeBody(res, 200, presentList(type, list, p), p.format);
      }
      case 'watch': {
        const options = watchOptions(query);
        const watch = this.registry.watch(type, namespace, options);
        const min = this.limits.minRequestTimeoutSeconds;
        const timeoutSeconds = options.timeoutSeconds || min + Math.floor(Math.random() * min);
        return streamWatch(req, res, type, watch, p, timeoutSeconds);
      }
      case 'create': {
        const result = await this.registry.create(type, namespace, await this.body(req), writeOptions(query));
        return writeBody(res, 201, presentObject(type, result.object, p), p.format, result.warnings);
      }
      case 'deletecollection': {
        const body = await this.optionalBody(req);
        const list = await this.registry.deleteCollection(
          type,
          namespace,
          listOptions(query),
          deleteOptions(query, body),
        );
        return writeBody(res, 200, presentList(type, list, p), p.format);
      }
      default:
        throw ApiError.methodNotAllowed(`${verb} is not allowed on a collection of ${type.resource}`);
    }
  }

  private async object(
    req: IncomingMessage,
    res: ServerResponse,
    verb: Verb,
    address: ObjectAddress,
    subresource: WritableSubresource | undefined,
    query: URLSearchParams,
    p: Presentation,
  ): Promise<void> {
    const { type } = address;
    if (subresource && !type.subresources.includes(subresource)) {
      throw ApiError.notFound({ kind: `${type.resource}/${subresource}`, group: type.group, name: address.name });
    }
    if (subresource === 'finalize' && verb !== 'update')
      throw ApiError.methodNotAllowed('namespaces/finalize only accepts PUT');
    switch (verb) {
      case 'get':
        return writeBody(res, 200, presentObject(type, await this.registry.get(address), p), p.format);
      case 'update': {
        const result = await this.registry.update(address, await this.body(req), subresource, writeOptions(query));
        return writeBody(res, 200, presentObject(type, result.object, p), p.format, result.warnings);
      }
      case 'patch': {
        const contentType = patchTypeOf(req);
        const result = await this.registry.patch(
          address,
          contentType,
          await this.body(req),
          subresource,
          writeOptions(query),
        );
        return writeBody(
          res,
          result.created ? 201 : 200,
          presentObject(type, result.object, p),
          p.format,
          result.warnings,
        );
      }
      case 'delete': {
        if (subresource) throw ApiError.methodNotAllowed(`DELETE is not allowed on ${type.resource}/${subresource}`);
        const body = await this.optionalBody(req);
        const { object, pending } = await this.registry.delete(address, deleteOptions(query, body));
        // Kubernetes answers an immediate delete with a Success Status, except for pods, which return the pod.
        const answer =
          pending || (type.group === '' && type.kind === 'Pod')
            ? presentObject(type, object, p)
            : deletedStatus(type, object);
        return writeBody(res, 200, answer, p.format);
      }
      default:
        throw ApiError.methodNotAllowed(`${verb} is not allowed on a single ${type.kind}`);
    }
  }

  private async scaleRequest(
    req: IncomingMessage,
    res: ServerResponse,
    verb: Verb,
    address: ObjectAddress,
    query: URLSearchParams,
    p: Presentation,
  ): Promise<void> {
    if (!address.type.subresources.includes('scale')) {
      throw ApiError.notFound({
        kind: `${address.type.resource}/scale`,
        group: address.type.group,
        name: address.name,
      });
    }
    switch (verb) {
      case 'get':
        return writeBody(res, 200, await this.scale.get(address), p.format);
      case 'update':
        return writeBody(
          res,
          200,
          await this.scale.update(address, await this.body(req), writeOptions(query)),
          p.format,
        );
      case 'patch': {
        const contentType = patchTypeOf(req);
        return writeBody(
          res,
          200,
          await this.scale.patch(address, contentType, await this.body(req), writeOptions(query)),
          p.format,
        );
      }
      default:
        throw ApiError.methodNotAllowed(`${verb} is not allowed on ${address.type.resource}/scale`);
    }
  }

  private typeOf(info: ResourceRequestInfo): ResourceType {
    const type = this.catalog.byResource(info.group, info.version, info.resource);
    if (!type) {
      const path = info.group ? `${info.group}/${info.version}` : info.version;
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (${info.resource} in ${path})`,
        {},
      );
    }
    return type;
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    return decodeBody(
      await readRawBody(req, { maxBytes: this.limits.maxRequestBodyBytes }),
      req.headers['content-type'],
    );
  }

  /** DELETE may carry DeleteOptions; an empty body is fine. */
  private async optionalBody(req: IncomingMessage): Promise<unknown> {
    const raw = await readRawBody(req, { maxBytes: this.limits.maxRequestBodyBytes });
    return raw.length === 0 ? undefined : decodeBody(raw, req.headers['content-type']);
  }
}

const PATCH_TYPES: ReadonlySet<string> = new Set(Object.values(PatchContentType));

/** Checked before anything is read, so an unsupported patch type is a 415 even for a missing object. */
function patchTypeOf(req: IncomingMessage): string {
  const mediaType = mediaTypeOf(req.headers['content-type'] ?? '');
  if (!PATCH_TYPES.has(mediaType)) {
    throw ApiError.unsupportedMediaType(
      `the body of the request was in an unknown format (${mediaType || 'no Content-Type'}) - accepted media types include: ${[...PATCH_TYPES].join(', ')}`,
    );
  }
  return mediaType;
}

const TOKEN_REVIEWS = builtinResource('tokenreviews', 'authentication.k8s.io');
const LOG_QUERIES = builtinResource('logqueries', 'logging.kubenest.io');

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') {
    throw ApiError.badRequest(`includeObject must be one of "None", "Metadata", "Object", got "${value}"`);
  }
  return value;
}

function successStatus(code: number) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
}

function deletedStatus(type: ResourceType, obj: KubeObject) {
  return {
    ...successStatus(200),
    details: { name: obj.metadata.name, group: type.group, kind: type.resource, uid: obj.metadata.uid },
  };
}
