import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { EventRecorder, type ApiClient, type InformerFactory } from '#client';
import { BullWorkQueue, Expectations, type RunningController } from '#reconcile';
import type { ControllerContext, ControllerDefinition, ControllerSettings } from './controller-context.js';

export interface ControllerManagerDeps {
  client: ApiClient;
  informers: InformerFactory;
  redis: Redis;
  metrics: Registry;
  logger: Logger;
  settings: ControllerSettings;
  search?: ControllerContext['search'];
}

/**
 * Builds the ControllerContext the controllers share (one client, one informer factory, one
 * queue and one Expectations per controller name, recorders per event source) and runs the
 * controllers; healthy() is what /healthz reports.
 */
export class ControllerManager {
  readonly context: ControllerContext;
  private readonly queues = new Map<string, BullWorkQueue>();
  private readonly expectations = new Map<string, Expectations>();
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly running: { name: string; controller: RunningController }[] = [];
  private started = false;

  constructor(private readonly deps: ControllerManagerDeps) {
    const { logger, redis } = deps;
    this.context = {
      client: deps.client,
      informers: deps.informers,
      recorder: this.recorderFor('controller-manager'),
      redis,
      metrics: deps.metrics,
      logger,
      settings: deps.settings,
      search: deps.search,
      recorderFor: (component) => this.recorderFor(component),
      queueFor: (name) => this.memo(this.queues, name, () => this.newQueue(name)),
      expectationsFor: (name) => this.memo(this.expectations, name, () => new Expectations(redis, { name })),
    };
  }

  /** Starts the definitions one after another; a failing start stops those already running. */
  async start(definitions: readonly ControllerDefinition[]): Promise<void> {
    for (const definition of definitions) {
      try {
        this.running.push({ name: definition.name, controller: await definition.start(this.context) });
        this.deps.logger.info({ controller: definition.name }, 'controller started');
      } catch (err) {
        await this.stop();
        throw new Error(`controller "${definition.name}" failed to start: ${(err as Error).message}`, { cause: err });
      }
    }
    this.started = true;
  }

  ready(): boolean {
    return this.started;
  }

  /** False once any queue's worker stopped or lost Redis (BullMQ workers can stop silently after a failover). */
  healthy(): boolean {
    return [...this.queues.values()].every((queue) => queue.healthy());
  }

  /** Stops the controllers (running reconciles finish), the informers, then flushes events. */
  async stop(): Promise<void> {
    this.started = false;
    for (const { name, controller } of this.running.splice(0).reverse()) {
      await controller.stop().catch((err: unknown) => this.deps.logger.warn({ err, controller: name }, 'stop failed'));
    }
    this.deps.informers.stopAll();
    await Promise.all([...this.recorders.values()].map((recorder) => recorder.flush()));
  }

  private newQueue(name: string): BullWorkQueue {
    const logger = this.deps.logger.child({ controller: name });
    return new BullWorkQueue({
      name,
      connection: this.deps.redis,
      registry: this.deps.metrics,
      onReconcileError: (key, err) => logger.warn({ key, err }, 'reconcile failed; retrying with backoff'),
      onError: (err) => logger.error({ err }, 'work queue error'),
    });
  }

  private recorderFor(component: string): EventRecorder {
    return this.memo(
      this.recorders,
      component,
      () => new EventRecorder(this.deps.client, { component, logger: this.deps.logger }),
    );
  }

  private memo<T>(map: Map<string, T>, name: string, create: () => T): T {
    let value = map.get(name);
    if (value === undefined) map.set(name, (value = create()));
    return value;
  }
}
