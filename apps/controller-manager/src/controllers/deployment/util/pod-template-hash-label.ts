/** apps/v1 DefaultDeploymentUniqueLabelKey: on an RS's selector, template and pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
