import type { KubeObject, ResourceType, WatchEvent } from '#api';
import type { IncludeObject, Table } from './table-types.js';
import { toTable } from './to-table.js';

/**
 * Turns one watch stream's events into Table events, as kube-apiserver does for
 * kubectl get -w (which sends the same Table Accept header on its watch): each event's object
 * is a one-row Table; only the first carries columnDefinitions, later ones have null, and
 * kubectl keeps printing under the first header. Status objects (ERROR events) pass through.
 * One instance per watch connection.
 */
export class WatchTableEncoder {
  private headersSent = false;

  constructor(
    private readonly type: ResourceType,
    private readonly includeObject: IncludeObject,
  ) {}

  encode(event: WatchEvent, now: Date): WatchEvent<Table | KubeObject> {
    if (event.type === 'ERROR' || (event.object as { kind?: string }).kind === 'Status') return event;
    const table = toTable(this.type, [event.object], {
      includeObject: this.includeObject,
      now,
      noHeaders: this.headersSent,
    });
    table.metadata = event.object.metadata.resourceVersion
      ? { resourceVersion: event.object.metadata.resourceVersion }
      : {};
    this.headersSent = true;
    return { type: event.type, object: table };
  }
}
