export { fieldErrors, describeValue } from './field-errors.js';
export {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  dns1035LabelErrors,
  configKeyErrors,
  envVarNameErrors,
  portNameErrors,
  percentErrors,
  isValidIP,
  isValidCIDR,
} from './name-rules.js';
export { validateObjectMeta, validateLabels, validateAnnotations, validateLabelSelector } from './object-meta-rules.js';
export { base64Error } from './config-rules.js';
export * from './validate-object.js';
export * from './validate-update.js';
