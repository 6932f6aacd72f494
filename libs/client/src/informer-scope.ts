/** Which objects of a kind an informer holds: one namespace and/or selectors, or all. */
export interface InformerScope {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}
