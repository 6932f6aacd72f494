import {
  ApiError,
  applyPatch,
  labelSelectorFromObject,
  labelSelectorFromSet,
  type KubeObject,
  type LabelSelectorLike,
} from '#api';
import type { ObjectAddress, ResourceRegistry } from './resource-registry.js';
import type { WriteOptions } from './request-options.js';

/** autoscaling/v1 Scale, the view `kubectl scale` and autoscalers read and write. */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

interface Scalable {
  spec?: { replicas?: number; selector?: unknown };
  status?: { replicas?: number };
}

/** The scale subresource of Deployments, ReplicaSets and ReplicationControllers. */
export class ScaleSubresource {
  constructor(private readonly registry: ResourceRegistry) {}

  async get(address: ObjectAddress): Promise<Scale> {
    return scaleOf(await this.registry.get(address));
  }

  async update(address: ObjectAddress, body: unknown, options: WriteOptions): Promise<Scale> {
    const requested = asScale(body);
    const pinned = requested.metadata?.resourceVersion;
    const updated = await this.registry.guaranteedUpdate(address, pinned, options, (obj) =>
      withReplicas(obj, requested),
    );
    return scaleOf(updated);
  }

  async patch(address: ObjectAddress, contentType: string, patchBody: unknown, options: WriteOptions): Promise<Scale> {
    const updated = await this.registry.guaranteedUpdate(address, undefined, options, (obj) => {
      const patched = asScale(applyPatch(contentType, scaleOf(obj), patchBody));
      return withReplicas(obj, patched);
    });
    return scaleOf(updated);
  }
}

function withReplicas(obj: KubeObject, scale: Scale): KubeObject {
  const replicas = scale.spec?.replicas;
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw ApiError.invalid({ kind: 'Scale', kindName: 'Scale', group: 'autoscaling', name: obj.metadata.name }, [
      {
        field: 'spec.replicas',
        type: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  (obj as Scalable).spec = { ...(obj as Scalable).spec, replicas };
  return obj;
}

function asScale(body: unknown): Scale {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw ApiError.badRequest('the request body must be a Scale object');
  return body as Scale;
}

function scaleOf(obj: KubeObject): Scale {
  const { spec, status } = obj as Scalable;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector: selectorString(obj) },
  };
}

/** Scale.status.selector is the string form; ReplicationControllers select by a plain label map. */
function selectorString(obj: KubeObject): string {
  const selector = (obj as Scalable).spec?.selector;
  const parsed =
    obj.kind === 'ReplicationController'
      ? labelSelectorFromSet(selector as Record<string, string> | undefined)
      : labelSelectorFromObject(selector as LabelSelectorLike | undefined);
  return parsed.toString();
}
