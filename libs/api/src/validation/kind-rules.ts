import type { FieldError } from '../errors/field-error.js';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, type NameRule } from './name-rules.js';
import { validateConfigMap, validateSecret } from './config-rules.js';
import { validateEndpoints, validateEvent, validateLease, validateNode } from './cluster-rules.js';
import { validatePodSpec } from './pod-rules.js';
import { validateService } from './service-rules.js';
import { validateEndpointSlice } from './endpoint-slice-rules.js';
import { validateDeployment, validateReplicaSet, validateReplicationController } from './workload-rules.js';

export interface KindRules {
  /** How metadata.name is checked: Kubernetes' NameIsDNSSubdomain, NameIsDNSLabel or NameIsDNS1035Label. */
  name: NameRule;
  /** Kind-specific rules on the pruned, well-typed object. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  validate?: (obj: any) => FieldError[];
}

/** Per kind, as Kubernetes' pkg/apis/<group>/validation does it; keyed by kind name. */
export const KIND_RULES: Readonly<Record<string, KindRules>> = {
  Namespace: { name: dns1123LabelErrors },
  Node: { name: dns1123SubdomainErrors, validate: validateNode },
  Pod: { name: dns1123SubdomainErrors, validate: (pod) => validatePodSpec(pod.spec, 'spec') },
  // Kubernetes (v1.32) names Services by DNS-1035 label: no leading digit, unlike other labels.
  Service: { name: dns1035LabelErrors, validate: validateService },
  Endpoints: { name: dns1123SubdomainErrors, validate: validateEndpoints },
  ReplicationController: { name: dns1123SubdomainErrors, validate: validateReplicationController },
  ConfigMap: { name: dns1123SubdomainErrors, validate: validateConfigMap },
  Secret: { name: dns1123SubdomainErrors, validate: validateSecret },
  Event: { name: dns1123SubdomainErrors, validate: validateEvent },
  Lease: { name: dns1123SubdomainErrors, validate: validateLease },
  EndpointSlice: { name: dns1123SubdomainErrors, validate: validateEndpointSlice },
  ReplicaSet: { name: dns1123SubdomainErrors, validate: validateReplicaSet },
  Deployment: { name: dns1123SubdomainErrors, validate: validateDeployment },
};

export function kindRulesFor(kind: string): KindRules {
  return KIND_RULES[kind] ?? { name: dns1123SubdomainErrors };
}
