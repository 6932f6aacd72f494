/** The spec.finalizers entry the apiserver puts on every namespace and this controller clears. */
export const NAMESPACE_FINALIZER = 'kubernetes';
