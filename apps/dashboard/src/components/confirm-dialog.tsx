import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface PendingAction {
  title: string;
  description: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  /** A number to ask for (replicas), with its starting value. */
  number?: { label: string; initial: number; min: number };
  /** Does the work; resolves to a sentence for the status line, rejects with an error to show in the dialog. */
  run(value: number | undefined): Promise<string>;
}

/**
 * A modal <dialog> asking to confirm an action: keyboard-native (focus moves in, Escape
 * cancels, Tab stays inside). Errors stay in the dialog so the user can read them and retry.
 */
export function ConfirmDialog(props: { action: PendingAction; onDone(message?: string): void }) {
  const { action, onDone } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(String(action.number?.initial ?? ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const parsed = action.number ? Number(value) : undefined;
  const invalid =
    action.number !== undefined &&
    (value.trim() === '' || !Number.isInteger(parsed) || (parsed as number) < action.number.min);

  async function confirm(event: Event) {
    event.preventDefault();
    if (invalid || busy) return;
    setBusy(true);
    setError('');
    try {
      const message = await action.run(parsed);
      dialog.current?.close();
      onDone(message);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onClose={() => !busy && onDone()}>
      <form method="dialog" onSubmit={confirm}>
        <h2 id="confirm-title">{action.title}</h2>
        <div class="confirm-body">{action.description}</div>
        {action.number ? (
          <label class="field">
            <span>{action.number.label}</span>
            <input
              type="number"
              name="value"
              min={action.number.min}
              step={1}
              value={value}
              onInput={(e) => setValue((e.target as HTMLInputElement).value)}
              aria-invalid={invalid}
              autoFocus
            />
            {invalid ? <span class="field-error">Enter a whole number, {action.number.min} or more.</span> : null}
          </label>
        ) : null}
        {error ? (
          <p class="confirm-error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="confirm-buttons">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class={action.danger ? 'danger' : 'primary'} disabled={invalid || busy}>
            {busy ? 'Working…' : action.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
