import type { ContainerDto } from '../dto/core/container.dto.js';
import type { PodSpecDto } from '../dto/core/pod-spec.dto.js';
import type { ProbeDto } from '../dto/core/probe.dto.js';
import { VOLUME_SOURCES } from '../dto/core/volume.dto.js';

/** Kubernetes' v1 defaults (pkg/apis/core/v1/defaults.go), for pods and pod templates alike. */
export function defaultPodSpec(spec: PodSpecDto): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    if (!VOLUME_SOURCES.some((s) => v[s] !== undefined)) v.emptyDir = {};
    if (v.configMap) v.configMap.defaultMode ??= 0o644;
    if (v.secret) v.secret.defaultMode ??= 0o644;
    if (v.hostPath) v.hostPath.type ??= '';
  }
}

/** Only Pods, not templates: Kubernetes keeps these out of templates to avoid spurious rollouts. */
export function defaultPodOnly(spec: PodSpecDto): void {
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    // Requests default to limits, resource by resource.
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [name, value] of Object.entries(limits)) if (!Object.hasOwn(requests, name)) requests[name] = value;
  }
  if (spec.hostNetwork) {
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

function defaultContainer(c: ContainerDto): void {
  c.imagePullPolicy ||= imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  for (const hook of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (hook?.httpGet) defaultHttpGet(hook.httpGet);
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= 'v1';
}

function defaultProbe(probe: ProbeDto): void {
  // Zero means unset for these int32 fields in Go, so zero is defaulted too.
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet) defaultHttpGet(probe.httpGet);
}

function defaultHttpGet(action: { path?: string; scheme?: string }): void {
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

/**
 * The tag of an image reference as Kubernetes' parsers.ParseImageName reads it: "latest"
 * when there is neither tag nor digest. A ':' after the last '/' starts the tag (one before
 * it belongs to a registry port).
 */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const hasDigest = withoutDigest !== image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon >= 0) return withoutDigest.slice(colon + 1);
  return hasDigest ? undefined : 'latest';
}
