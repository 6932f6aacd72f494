import type { FieldError } from '../errors/field-error.js';
import type { ContainerDto, ResourceRequirementsDto } from '../dto/core/container.dto.js';
import type { AffinityDto, NodeSelectorDto, NodeSelectorTermDto } from '../dto/core/affinity.dto.js';
import type { EnvVarDto } from '../dto/core/env.dto.js';
import type { ProbeDto, LifecycleHandlerDto } from '../dto/core/probe.dto.js';
import type { PodSpecDto } from '../dto/core/pod-spec.dto.js';
import type { TolerationDto } from '../dto/core/taint.dto.js';
import { VOLUME_SOURCES, type VolumeDto } from '../dto/core/volume.dto.js';
import { parseQuantity, type Quantity } from '../quantity/quantity.js';
import { appendAll, child, fieldErrors, index, key } from './field-errors.js';
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  envVarNameErrors,
  isValidPortNumber,
  PORT_RANGE_MESSAGE,
  portNameErrors,
  qualifiedNameErrors,
} from './name-rules.js';
import { validateLabels } from './object-meta-rules.js';

export interface PodSpecRules {
  /** Pod templates of RC/RS/Deployment: only restartPolicy Always is supported. */
  restartAlwaysOnly?: boolean;
}

const NON_NEGATIVE = 'must be greater than or equal to 0';

/** ValidatePodSpec, for pods and pod templates. Expects a structurally valid (pruned) spec. */
export function validatePodSpec(spec: PodSpecDto | undefined, path: string, rules: PodSpecRules = {}): FieldError[] {
  const errors: FieldError[] = [];
  if (!spec) return [fieldErrors.required(child(path, 'containers'))];
  const volumeNames = validateVolumes(spec.volumes ?? [], child(path, 'volumes'), errors);
  const names = new Set<string>();
  validateContainers(spec.initContainers ?? [], child(path, 'initContainers'), volumeNames, names, errors, true);
  if (spec.containers?.length)
    validateContainers(spec.containers, child(path, 'containers'), volumeNames, names, errors, false);

  if (rules.restartAlwaysOnly && spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') {
    errors.push(fieldErrors.notSupported(child(path, 'restartPolicy'), spec.restartPolicy, ['Always']));
  }
  nonNegative(spec.terminationGracePeriodSeconds, child(path, 'terminationGracePeriodSeconds'), errors);
  if (
    spec.activeDeadlineSeconds !== undefined &&
    (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2 ** 31 - 1)
  ) {
    errors.push(
      fieldErrors.invalid(
        child(path, 'activeDeadlineSeconds'),
        spec.activeDeadlineSeconds,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  appendAll(errors, validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName'] as const) {
    const v = spec[field];
    if (v) for (const msg of dns1123SubdomainErrors(v)) errors.push(fieldErrors.invalid(child(path, field), v, msg));
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const v = spec[field];
    if (v) for (const msg of dns1123LabelErrors(v)) errors.push(fieldErrors.invalid(child(path, field), v, msg));
  }
  (spec.tolerations ?? []).forEach((t, i) => validateToleration(t, index(child(path, 'tolerations'), i), errors));
  validateAffinity(spec.affinity, child(path, 'affinity'), errors);
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name) errors.push(fieldErrors.required(child(index(child(path, 'imagePullSecrets'), i), 'name')));
  });
  return errors;
}

function validateVolumes(volumes: VolumeDto[], path: string, errors: FieldError[]): Set<string> {
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const at = index(path, i);
    if (v.name) {
      for (const msg of dns1123LabelErrors(v.name)) errors.push(fieldErrors.invalid(child(at, 'name'), v.name, msg));
      if (names.has(v.name)) errors.push(fieldErrors.duplicate(child(at, 'name'), v.name));
      names.add(v.name);
    }
    // No source at all is defaulted to emptyDir, so only several sources are an error.
    if (VOLUME_SOURCES.filter((s) => v[s] !== undefined).length > 1)
      errors.push(fieldErrors.forbidden(at, 'may not specify more than 1 volume type'));
    if (v.hostPath && !v.hostPath.path.startsWith('/')) {
      errors.push(
        fieldErrors.invalid(child(child(at, 'hostPath'), 'path'), v.hostPath.path, 'must be an absolute path'),
      );
    }
    for (const item of [...(v.configMap?.items ?? []), ...(v.secret?.items ?? [])]) {
      if (item.path.split('/').includes('..')) errors.push(fieldErrors.invalid(at, item.path, "must not contain '..'"));
    }
  });
  return names;
}

function validateContainers(
  containers: ContainerDto[],
  path: string,
  volumeNames: Set<string>,
  names: Set<string>,
  errors: FieldError[],
  init: boolean,
): void {
  containers.forEach((c, i) => {
    const at = index(path, i);
    if (c.name) {
      for (const msg of dns1123LabelErrors(c.name)) errors.push(fieldErrors.invalid(child(at, 'name'), c.name, msg));
      if (names.has(c.name)) errors.push(fieldErrors.duplicate(child(at, 'name'), c.name));
      names.add(c.name);
    }
    if (!c.image || c.image.trim() === '') errors.push(fieldErrors.required(child(at, 'image')));
    validateContainerPorts(c, child(at, 'ports'), errors);
    (c.env ?? []).forEach((e, j) => validateEnvVar(e, index(child(at, 'env'), j), errors));
    (c.envFrom ?? []).forEach((e, j) => {
      const n = (e.configMapRef ? 1 : 0) + (e.secretRef ? 1 : 0);
      if (n !== 1)
        errors.push(
          n === 0
            ? fieldErrors.required(index(child(at, 'envFrom'), j), 'must specify one of: `configMapRef` or `secretRef`')
            : fieldErrors.forbidden(
                index(child(at, 'envFrom'), j),
                'may not have more than one field specified at a time',
              ),
        );
    });
    const mountPaths = new Set<string>();
    (c.volumeMounts ?? []).forEach((m, j) => {
      const mAt = index(child(at, 'volumeMounts'), j);
      if (m.name && !volumeNames.has(m.name)) errors.push(fieldErrors.notFound(child(mAt, 'name'), m.name));
      if (m.mountPath && mountPaths.has(m.mountPath))
        errors.push(fieldErrors.invalid(child(mAt, 'mountPath'), m.mountPath, 'must be unique'));
      mountPaths.add(m.mountPath);
    });
    validateResources(c.resources, child(at, 'resources'), errors);
    if (init && (c.livenessProbe || c.readinessProbe || c.startupProbe) && c.restartPolicy !== 'Always') {
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[p])
          errors.push(
            fieldErrors.forbidden(child(at, p), 'may not be set for init containers without restartPolicy=Always'),
          );
      }
    } else {
      validateProbe(c.livenessProbe, child(at, 'livenessProbe'), errors, true);
      validateProbe(c.readinessProbe, child(at, 'readinessProbe'), errors, false);
      validateProbe(c.startupProbe, child(at, 'startupProbe'), errors, true);
    }
    validateHandler(c.lifecycle?.postStart, child(child(at, 'lifecycle'), 'postStart'), errors);
    validateHandler(c.lifecycle?.preStop, child(child(at, 'lifecycle'), 'preStop'), errors);
    if (c.restartPolicy !== undefined && (!init || c.restartPolicy !== 'Always')) {
      errors.push(
        init
          ? fieldErrors.notSupported(child(at, 'restartPolicy'), c.restartPolicy, ['Always'])
          : fieldErrors.forbidden(child(at, 'restartPolicy'), 'may not be set for non-init containers'),
      );
    }
  });
}

function validateContainerPorts(c: ContainerDto, path: string, errors: FieldError[]): void {
  const names = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const at = index(path, i);
    if (p.name) {
      for (const msg of portNameErrors(p.name)) errors.push(fieldErrors.invalid(child(at, 'name'), p.name, msg));
      if (names.has(p.name)) errors.push(fieldErrors.duplicate(child(at, 'name'), p.name));
      names.add(p.name);
    }
    if (!isValidPortNumber(p.containerPort))
      errors.push(fieldErrors.invalid(child(at, 'containerPort'), p.containerPort, PORT_RANGE_MESSAGE));
    if (p.hostPort !== undefined && p.hostPort !== 0 && !isValidPortNumber(p.hostPort)) {
      errors.push(fieldErrors.invalid(child(at, 'hostPort'), p.hostPort, PORT_RANGE_MESSAGE));
    }
  });
}

function validateEnvVar(e: EnvVarDto, path: string, errors: FieldError[]): void {
  if (e.name)
    for (const msg of envVarNameErrors(e.name)) errors.push(fieldErrors.invalid(child(path, 'name'), e.name, msg));
  const from = e.valueFrom;
  if (!from) return;
  const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((s) => from[s]);
  const at = child(path, 'valueFrom');
  if (sources.length === 0)
    errors.push(
      fieldErrors.invalid(
        at,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ),
    );
  if (sources.length > 1)
    errors.push(fieldErrors.invalid(at, '', 'may not have more than one field specified at a time'));
  if (e.value) errors.push(fieldErrors.invalid(at, '', 'may not be specified when `value` is not empty'));
}

/** Quantities must be non-negative and each request no larger than its limit. */
function validateResources(resources: ResourceRequirementsDto | undefined, path: string, errors: FieldError[]): void {
  if (!resources) return;
  const parsed = (section: 'limits' | 'requests') => {
    const out = new Map<string, Quantity>();
    for (const [name, raw] of Object.entries(resources[section] ?? {})) {
      let q: Quantity;
      try {
        q = parseQuantity(raw);
      } catch {
        continue; // reported by the structural walk
      }
      if (q.isNegative()) errors.push(fieldErrors.invalid(key(child(path, section), name), String(raw), NON_NEGATIVE));
      for (const msg of qualifiedNameErrors(name))
        errors.push(fieldErrors.invalid(key(child(path, section), name), name, msg));
      out.set(name, q);
    }
    return out;
  };
  const limits = parsed('limits');
  const requests = parsed('requests');
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit && request.cmp(limit) > 0) {
      errors.push(
        fieldErrors.invalid(
          key(child(path, 'requests'), name),
          request.toString(),
          `must be less than or equal to ${name} limit of ${limit.toString()}`,
        ),
      );
    }
  }
}

function validateProbe(
  probe: ProbeDto | undefined,
  path: string,
  errors: FieldError[],
  successMustBeOne: boolean,
): void {
  if (!probe) return;
  validateHandler(probe, path, errors, probe.grpc ? 1 : 0);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    nonNegative(probe[f], child(path, f), errors);
  }
  if (
    successMustBeOne &&
    probe.successThreshold !== undefined &&
    probe.successThreshold !== 0 &&
    probe.successThreshold !== 1
  ) {
    errors.push(fieldErrors.invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  }
}

/** Exactly one handler: exec, httpGet, tcpSocket (grpc for probes, sleep for hooks). */
function validateHandler(
  handler: (LifecycleHandlerDto | ProbeDto) | undefined,
  path: string,
  errors: FieldError[],
  extra = 0,
): void {
  if (!handler) return;
  const count =
    (handler.exec ? 1 : 0) +
    (handler.httpGet ? 1 : 0) +
    (handler.tcpSocket ? 1 : 0) +
    ('sleep' in handler && handler.sleep ? 1 : 0) +
    extra;
  if (count === 0) errors.push(fieldErrors.required(path, 'must specify a handler type'));
  if (count > 1) errors.push(fieldErrors.forbidden(path, 'may not specify more than 1 handler type'));
  if (handler.exec && !handler.exec.command?.length)
    errors.push(fieldErrors.required(child(child(path, 'exec'), 'command')));
  const portOf = (action: 'httpGet' | 'tcpSocket') => {
    const port = handler[action]?.port;
    if (port === undefined) return;
    const at = child(child(path, action), 'port');
    if (typeof port === 'number') {
      if (!isValidPortNumber(port)) errors.push(fieldErrors.invalid(at, port, PORT_RANGE_MESSAGE));
    } else for (const msg of portNameErrors(port)) errors.push(fieldErrors.invalid(at, port, msg));
  };
  portOf('httpGet');
  portOf('tcpSocket');
}

function validateToleration(t: TolerationDto, path: string, errors: FieldError[]): void {
  if (t.key)
    for (const msg of qualifiedNameErrors(t.key)) errors.push(fieldErrors.invalid(child(path, 'key'), t.key, msg));
  if (!t.key && t.operator !== 'Exists') {
    errors.push(
      fieldErrors.invalid(
        child(path, 'operator'),
        t.operator ?? '',
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ),
    );
  }
  if (t.operator === 'Exists' && t.value)
    errors.push(
      fieldErrors.invalid(child(path, 'operator'), t.value, "value must be empty when `operator` is 'Exists'"),
    );
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    errors.push(
      fieldErrors.invalid(
        child(path, 'effect'),
        t.effect ?? '',
        "effect must be 'NoExecute' when `tolerationSeconds` is set",
      ),
    );
  }
}

function validateAffinity(affinity: AffinityDto | undefined, path: string, errors: FieldError[]): void {
  const node = affinity?.nodeAffinity;
  if (!node) return;
  const at = child(path, 'nodeAffinity');
  validateNodeSelector(
    node.requiredDuringSchedulingIgnoredDuringExecution,
    child(at, 'requiredDuringSchedulingIgnoredDuringExecution'),
    errors,
  );
  (node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
    const tAt = index(child(at, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    if (term.weight < 1 || term.weight > 100)
      errors.push(fieldErrors.invalid(child(tAt, 'weight'), term.weight, 'must be in the range 1-100'));
    validateNodeSelectorTerm(term.preference, child(tAt, 'preference'), errors);
  });
}

function validateNodeSelector(selector: NodeSelectorDto | undefined, path: string, errors: FieldError[]): void {
  if (!selector) return;
  if (!selector.nodeSelectorTerms?.length) return; // reported as Required by the structural walk
  selector.nodeSelectorTerms.forEach((term, i) =>
    validateNodeSelectorTerm(term, index(child(path, 'nodeSelectorTerms'), i), errors),
  );
}

function validateNodeSelectorTerm(term: NodeSelectorTermDto, path: string, errors: FieldError[]): void {
  for (const list of ['matchExpressions', 'matchFields'] as const) {
    (term[list] ?? []).forEach((req, i) => {
      const at = index(child(path, list), i);
      const values = req.values ?? [];
      switch (req.operator) {
        case 'In':
        case 'NotIn':
          if (values.length === 0)
            errors.push(
              fieldErrors.required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"),
            );
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length > 0)
            errors.push(
              fieldErrors.forbidden(
                child(at, 'values'),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
              ),
            );
          break;
        case 'Gt':
        case 'Lt':
          if (values.length !== 1 || !/^-?\d+$/.test(values[0]))
            errors.push(
              fieldErrors.required(
                child(at, 'values'),
                "must be specified single value when `operator` is 'Lt' or 'Gt'",
              ),
            );
          break;
      }
      if (list === 'matchExpressions')
        for (const msg of qualifiedNameErrors(req.key))
          errors.push(fieldErrors.invalid(child(at, 'key'), req.key, msg));
    });
  }
}

function nonNegative(value: number | undefined, path: string, errors: FieldError[]): void {
  if (value !== undefined && value < 0) errors.push(fieldErrors.invalid(path, value, NON_NEGATIVE));
}
