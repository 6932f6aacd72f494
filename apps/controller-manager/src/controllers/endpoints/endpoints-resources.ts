import { builtinResource } from '#api';

export const SERVICES = builtinResource('services');
export const PODS = builtinResource('pods');
export const ENDPOINTS = builtinResource('endpoints');
export const ENDPOINT_SLICES = builtinResource('endpointslices', 'discovery.k8s.io');
