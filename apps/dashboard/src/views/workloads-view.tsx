import { rolloutRestart, rolloutUndo, scale, type ScalableKind } from '../api/actions.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatAge } from '../model/age.js';
import type { Workload } from '../model/k8s-types.js';
import { rolloutProgress } from '../model/rollout-progress.js';
import { useConfirm } from '../store/actions-context.js';
import { useNow, useSession, useWatch } from '../store/hooks.js';
import { byNamespaceAndName, watchScope } from './scope.js';

const KINDS = {
  deployments: { kind: 'Deployment', title: 'Deployments', short: 'deployment' },
  replicasets: { kind: 'ReplicaSet', title: 'ReplicaSets', short: 'replicaset' },
  replicationcontrollers: { kind: 'ReplicationController', title: 'ReplicationControllers', short: 'rc' },
} as const;

/** Deployments, ReplicaSets and ReplicationControllers with their rollout progress and actions. */
export function WorkloadsView({ namespace, only }: { namespace: string; only?: ScalableKind }) {
  const kinds = only ? [only] : (Object.keys(KINDS) as ScalableKind[]);
  return (
    <>
      {kinds.map((kind) => (
        <WorkloadTable kind={kind} namespace={namespace} />
      ))}
    </>
  );
}

function WorkloadTable({ kind, namespace }: { kind: ScalableKind; namespace: string }) {
  const cache = useWatch<Workload>(kind, watchScope(namespace));
  const now = useNow();
  const { title } = KINDS[kind];
  const rows = [...cache.items()].sort(byNamespaceAndName);
  return (
    <section class="panel" aria-labelledby={`${kind}-title`}>
      <header class="panel-head">
        <h2 id={`${kind}-title`}>{title}</h2>
        <span class="panel-note">{cache.synced ? `${rows.length}` : 'loading…'}</span>
      </header>
      {cache.failure ? (
        <p class="error-text">
          Cannot list {title}: {cache.failure.message}
        </p>
      ) : null}
      {cache.synced && rows.length === 0 ? <p class="empty">No {title} in this namespace.</p> : null}
      {rows.length ? (
        <table class="table workloads" data-kind={kind}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {namespace ? null : <th scope="col">Namespace</th>}
              <th scope="col">Rollout</th>
              <th scope="col" class="num">
                Desired
              </th>
              <th scope="col" class="num">
                Updated
              </th>
              <th scope="col" class="num">
                Ready
              </th>
              <th scope="col" class="num">
                Available
              </th>
              <th scope="col">Age</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <WorkloadRow kind={kind} workload={w} showNamespace={!namespace} now={now} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function WorkloadRow(props: { kind: ScalableKind; workload: Workload; showNamespace: boolean; now: number }) {
  const { kind, workload, showNamespace, now } = props;
  const session = useSession();
  const confirm = useConfirm();
  const { kind: kindName, short } = KINDS[kind];
  const { name, namespace = 'default' } = workload.metadata;
  const p = rolloutProgress(kindName, workload);
  const ref = `${short}/${name}`;

  const openScale = () =>
    confirm({
      title: `Scale ${ref}`,
      description: (
        <p>
          Set the number of replicas of <strong>{ref}</strong> in namespace <strong>{namespace}</strong> (now{' '}
          {p.desired}).
        </p>
      ),
      confirmLabel: 'Scale',
      number: { label: 'Replicas', initial: p.desired, min: 0 },
      run: async (replicas) => {
        await scale(session.rest, kind, namespace, name, replicas!);
        return `${ref} scaled to ${replicas}`;
      },
    });
  const openRestart = () =>
    confirm({
      title: `Restart ${ref}?`,
      description: (
        <p>
          Replaces every pod of <strong>{ref}</strong> with a rolling update, as <code>kubectl rollout restart</code>{' '}
          does.
        </p>
      ),
      confirmLabel: 'Restart',
      run: async () => {
        await rolloutRestart(session.rest, namespace, name);
        return `${ref} restarted`;
      },
    });
  const openUndo = () =>
    confirm({
      title: `Roll back ${ref}?`,
      description: (
        <p>
          Returns <strong>{ref}</strong> to its previous revision's pod template, as <code>kubectl rollout undo</code>{' '}
          does.
        </p>
      ),
      confirmLabel: 'Roll back',
      danger: true,
      run: async () => {
        const revision = await rolloutUndo(session.rest, namespace, name);
        return `${ref} rolled back to revision ${revision}`;
      },
    });

  return (
    <tr data-name={name} data-namespace={namespace}>
      <th scope="row">{name}</th>
      {showNamespace ? <td>{namespace}</td> : null}
      <td>
        <div class="rollout">
          <StatusBadge tone={p.tone} text={p.state} />
          <ProgressBar label={`${ref} ready`} value={p.ready} max={p.desired} />
        </div>
        {p.notable.map((c) => (
          <p class="condition" title={c.message}>
            {c.type}={c.status}
            {c.reason ? ` (${c.reason})` : ''}
            {c.message ? `: ${c.message}` : ''}
          </p>
        ))}
      </td>
      <td class="num">{p.desired}</td>
      <td class="num">{p.updated}</td>
      <td class="num" data-col="ready">
        {p.ready}
      </td>
      <td class="num">{p.available}</td>
      <td>{formatAge(workload.metadata.creationTimestamp, now)}</td>
      <td class="actions">
        <button type="button" onClick={openScale} aria-label={`Scale ${ref}`}>
          Scale
        </button>
        {kind === 'deployments' ? (
          <>
            <button type="button" onClick={openRestart} aria-label={`Restart ${ref}`}>
              Restart
            </button>
            <button type="button" onClick={openUndo} aria-label={`Roll back ${ref}`}>
              Undo
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}

function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <div
      class="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div class="progress-fill" style={{ width: `${percent}%` }} />
      <span class="progress-text">
        {value}/{max} ready
      </span>
    </div>
  );
}
