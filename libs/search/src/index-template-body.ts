import type { IndexTemplate } from './sink.js';

/** The composable index template API's body (`PUT _index_template/<name>`), the same for Elasticsearch and OpenSearch. */
export function toIndexTemplateBody(template: IndexTemplate) {
  return {
    index_patterns: template.indexPatterns,
    priority: template.priority,
    ...(template.dataStream ? { data_stream: {} } : {}),
    template: { settings: template.settings, mappings: template.mappings },
  };
}
