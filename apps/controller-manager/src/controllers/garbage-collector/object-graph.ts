import type { Informer } from '#client';
import type { KubeObject, OwnerReference, ResourceType } from '#api';
import { graphKey } from './graph-key.js';

/** Where an object seen by an informer lives, found by its uid. */
export interface GraphNode {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  uid: string;
  owners: OwnerReference[];
}

/**
 * The owner -> dependents graph of kube's GraphBuilder, by uid, fed by the informers of every
 * kind. A dependent may name an owner the graph has not seen (a "virtual" owner): the
 * collector then asks the apiserver before it believes the owner gone.
 */
export class ObjectGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  /** Call before the informer's other handlers, so that keysFor sees the graph after the event. */
  track(informer: Informer<KubeObject>): void {
    const type = informer.type;
    informer.addHandlers({
      add: (obj) => this.upsert(type, obj),
      update: (_old, obj) => this.upsert(type, obj),
      delete: (obj) => this.remove(obj),
    });
  }

  node(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  dependentsOf(uid: string): GraphNode[] {
    return [...(this.dependents.get(uid) ?? [])].flatMap((d) => this.nodes.get(d) ?? []);
  }

  /**
   * The keys an event on `obj` concerns: itself (are its owners gone?), its dependents (is
   * their owner gone or deleting?) and its owners (is a foreground owner waiting for it?).
   */
  keysFor(type: ResourceType, obj: KubeObject): string[] {
    const { namespace, name, uid } = obj.metadata;
    const related = [
      ...(uid ? this.dependentsOf(uid) : []),
      ...(obj.metadata.ownerReferences ?? []).flatMap((ref) => this.nodes.get(ref.uid) ?? []),
    ];
    return [graphKey.of(type, namespace, name!), ...related.map((n) => graphKey.of(n.type, n.namespace, n.name))];
  }

  private upsert(type: ResourceType, obj: KubeObject): void {
    const { uid, namespace, name } = obj.metadata;
    if (!uid) return;
    const previous = this.nodes.get(uid);
    for (const ref of previous?.owners ?? []) this.dependents.get(ref.uid)?.delete(uid);
    const owners = obj.metadata.ownerReferences ?? [];
    this.nodes.set(uid, { type, namespace, name: name!, uid, owners });
    for (const ref of owners) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
  }

  private remove(obj: KubeObject): void {
    const uid = obj.metadata.uid;
    const node = uid ? this.nodes.get(uid) : undefined;
    if (!node) return;
    this.nodes.delete(node.uid);
    for (const ref of node.owners) {
      const set = this.dependents.get(ref.uid);
      set?.delete(node.uid);
      if (set?.size === 0) this.dependents.delete(ref.uid);
    }
  }
}
