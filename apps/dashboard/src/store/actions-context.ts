import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PendingAction } from '../components/confirm-dialog.js';

/** Opens the confirmation dialog for an action; views call it from their buttons. */
export const ActionsContext = createContext<(action: PendingAction) => void>(() => undefined);

export function useConfirm(): (action: PendingAction) => void {
  return useContext(ActionsContext);
}
