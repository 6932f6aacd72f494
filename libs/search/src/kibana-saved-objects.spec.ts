import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { kubenestIndexTemplates } from './index-templates.js';

// Kibana cannot run here: this checks config/kibana/saved-objects.ndjson against Kibana's
// saved-object export format (one object per line: type, id, attributes, references; a
// search source in kibanaSavedObjectMeta.searchSourceJSON whose index is a reference named
// kibanaSavedObjectMeta.searchSourceJSON.index) and every field the objects use against the
// mappings of the index templates kubenest installs.
const FILE = resolve(import.meta.dirname, '../../../../config/kibana/saved-objects.ndjson');

interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: { name: string; type: string; id: string }[];
}

const objects: SavedObject[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => {
    try {
      return JSON.parse(line) as SavedObject;
    } catch (error) {
      throw new Error(`line ${i + 1} is not JSON: ${(error as Error).message}`, { cause: error });
    }
  });

const templates = Object.values(kubenestIndexTemplates());

/** Whether `field` (a.b.c) is mapped by the template whose pattern is the data view's title; labels are dynamic objects. */
function mapped(indexPattern: string, field: string): boolean {
  const template = templates.find((t) => t.indexPatterns.includes(indexPattern));
  assert.ok(template, `no index template for ${indexPattern}`);
  let node = template.mappings as { properties?: Record<string, unknown>; dynamic?: boolean; type?: string };
  for (const part of field.split('.')) {
    if (node.type === 'object' && node.dynamic) return true;
    const next = node.properties?.[part];
    if (!next) return false;
    node = next as typeof node;
  }
  return node.type !== undefined || node.properties !== undefined;
}

/** The field names a Lucene query names (`field:value`, `_exists_:field`). */
function queryFields(query: string): string[] {
  const fields = [...query.matchAll(/([A-Za-z_@][\w.@]*):/g)].map((m) => m[1]).filter((f) => f !== '_exists_');
  const exists = [...query.matchAll(/_exists_:([\w.@]+)/g)].map((m) => m[1]);
  return [...fields, ...exists];
}

describe('config/kibana/saved-objects.ndjson', () => {
  const dataViews = new Map(
    objects.filter((o) => o.type === 'index-pattern').map((o) => [o.id, o.attributes['title'] as string]),
  );

  it('holds data views for logs, metrics and events with @timestamp as time field', () => {
    assert.deepEqual([...dataViews.values()].sort(), ['kubenest-events-*', 'kubenest-metrics-*', 'logstash-*']);
    for (const view of objects.filter((o) => o.type === 'index-pattern')) {
      assert.equal(view.attributes['timeFieldName'], '@timestamp', view.id);
      assert.ok(mapped(view.attributes['title'] as string, '@timestamp'));
      assert.deepEqual(view.references, []);
    }
  });

  it('gives every object a unique id, a known type, a title and references that resolve', () => {
    assert.equal(new Set(objects.map((o) => `${o.type}/${o.id}`)).size, objects.length);
    for (const o of objects) {
      assert.ok(['index-pattern', 'search', 'visualization'].includes(o.type), `${o.id}: type ${o.type}`);
      assert.equal(typeof o.attributes['title'], 'string', `${o.id}: title`);
      for (const ref of o.references) {
        assert.equal(ref.type, 'index-pattern', `${o.id}: reference ${ref.name}`);
        assert.ok(dataViews.has(ref.id), `${o.id}: reference to missing data view ${ref.id}`);
      }
    }
  });

  for (const o of objects.filter((x) => x.type !== 'index-pattern')) {
    it(`${o.type} "${o.attributes['title']}" uses only mapped fields of its data view`, () => {
      const meta = o.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON: string };
      const source = JSON.parse(meta.searchSourceJSON) as {
        query: { query: string; language: string };
        filter: unknown[];
        indexRefName: string;
      };
      assert.ok(['lucene', 'kuery'].includes(source.query.language));
      assert.deepEqual(source.filter, []);
      const ref = o.references.find((r) => r.name === source.indexRefName);
      assert.ok(ref, `${o.id}: no reference named ${source.indexRefName}`);
      const pattern = dataViews.get(ref.id)!;
      const fields = queryFields(source.query.query);
      if (o.type === 'search') {
        fields.push(...(o.attributes['columns'] as string[]));
        fields.push(...(o.attributes['sort'] as [string, string][]).map(([field]) => field));
      } else {
        const vis = JSON.parse(o.attributes['visState'] as string) as {
          type: string;
          aggs: { type: string; schema: string; params: { field?: string } }[];
        };
        JSON.parse(o.attributes['uiStateJSON'] as string);
        assert.equal(vis.type, 'line');
        assert.deepEqual(
          vis.aggs.map((a) => a.schema),
          ['metric', 'segment', 'group'],
        );
        fields.push(...vis.aggs.flatMap((a) => (a.params.field ? [a.params.field] : [])));
      }
      assert.ok(fields.length > 0);
      for (const field of fields) assert.ok(mapped(pattern, field), `${o.id}: ${field} is not mapped for ${pattern}`);
    });
  }
});
