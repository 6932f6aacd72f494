import { isIPv4, isIPv6 } from 'node:net';
import type { FieldError } from '../errors/field-error.js';
import { MAX_SLICE_ENDPOINTS, MAX_SLICE_PORTS, type EndpointSliceDto } from '../dto/discovery/endpoint-slice.dto.js';
import { child, fieldErrors, index } from './field-errors.js';
import { dns1123LabelErrors, dns1123SubdomainErrors, isValidPortNumber, PORT_RANGE_MESSAGE } from './name-rules.js';

/** Kubernetes' maxAddresses per endpoint. */
const MAX_ADDRESSES = 100;

function tooMany(field: string, count: number, max: number): FieldError {
  return { field, type: 'FieldValueTooMany', message: `Too many: ${count}: must have at most ${max} items` };
}

/** ValidateEndpointSlice (discovery/v1): addresses of the slice's type, sizes, unique port names. */
export function validateEndpointSlice(slice: EndpointSliceDto): FieldError[] {
  const errors: FieldError[] = [];
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_SLICE_ENDPOINTS) errors.push(tooMany('endpoints', endpoints.length, MAX_SLICE_ENDPOINTS));
  endpoints.forEach((endpoint, i) => {
    const at = index('endpoints', i);
    const addresses = endpoint.addresses ?? [];
    if (addresses.length === 0)
      errors.push(fieldErrors.required(child(at, 'addresses'), 'must contain at least 1 address'));
    if (addresses.length > MAX_ADDRESSES) errors.push(tooMany(child(at, 'addresses'), addresses.length, MAX_ADDRESSES));
    addresses.forEach((address, j) => {
      const where = index(child(at, 'addresses'), j);
      if (slice.addressType === 'IPv4' && !isIPv4(address))
        errors.push(fieldErrors.invalid(where, address, 'must be a valid IPv4 address'));
      else if (slice.addressType === 'IPv6' && !isIPv6(address))
        errors.push(fieldErrors.invalid(where, address, 'must be a valid IPv6 address'));
      else if (slice.addressType === 'FQDN')
        for (const msg of dns1123SubdomainErrors(address)) errors.push(fieldErrors.invalid(where, address, msg));
    });
    if (endpoint.nodeName)
      for (const msg of dns1123SubdomainErrors(endpoint.nodeName))
        errors.push(fieldErrors.invalid(child(at, 'nodeName'), endpoint.nodeName, msg));
  });
  const ports = slice.ports ?? [];
  if (ports.length > MAX_SLICE_PORTS) errors.push(tooMany('ports', ports.length, MAX_SLICE_PORTS));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = index('ports', i);
    const name = port.name ?? '';
    if (name)
      for (const msg of dns1123LabelErrors(name)) errors.push(fieldErrors.invalid(child(at, 'name'), name, msg));
    if (names.has(name)) errors.push(fieldErrors.duplicate(child(at, 'name'), name));
    names.add(name);
    if (port.port !== undefined && !isValidPortNumber(port.port))
      errors.push(fieldErrors.invalid(child(at, 'port'), port.port, PORT_RANGE_MESSAGE));
  });
  return errors;
}
