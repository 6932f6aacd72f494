import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ApiClient, EventRecorder, InformerFactory } from '#client';
import type { Expectations, RunningController, WorkQueue } from '#reconcile';
import type { Delivery } from '#search';

/** Tunables of the controllers, named after kube-controller-manager's flags. */
export interface ControllerSettings {
  /** --node-monitor-grace-period: a node whose Lease is older than this goes Ready=Unknown. Default 40 s. */
  nodeMonitorGracePeriodSeconds: number;
  /** Default tolerationSeconds for not-ready/unreachable NoExecute taints (DefaultTolerationSeconds admission). Default 300 s. */
  defaultEvictionTolerationSeconds: number;
  /** Re-adds every object's key this often. Default 5 min. */
  resyncPeriodMs: number;
  /** Workers per controller in this process. */
  concurrency: number;
}

/**
 * What every controller gets from the controller-manager process: one API client, one
 * informer factory (informers shared between controllers), one event recorder, and the
 * Redis connection their BullMQ queues and expectations use.
 */
export interface ControllerContext {
  client: ApiClient;
  informers: InformerFactory;
  recorder: EventRecorder;
  /**
   * A recorder whose events carry `component` as their source, as Kubernetes' controllers
   * name themselves ("replicaset-controller"); optional so that existing fakes still fit.
   */
  recorderFor?(component: string): EventRecorder;
  redis: Redis;
  metrics: Registry;
  logger: Logger;
  settings: ControllerSettings;
  /** The shared work queue of the controller named `name` (one BullMQ queue across all processes). */
  queueFor(name: string): WorkQueue;
  /** Cross-process read-your-writes for the controller named `name`. */
  expectationsFor(name: string): Expectations;
  /** The search engine events are exported to; absent when none is configured. */
  search?: { delivery: Delivery; eventsIndexPrefix: string };
}

/** A controller as the controller-manager starts it: one folder under controllers/, exporting one of these. */
export interface ControllerDefinition {
  readonly name: string;
  start(context: ControllerContext): Promise<RunningController>;
}
