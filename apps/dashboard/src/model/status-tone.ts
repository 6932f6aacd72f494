/** How a status reads at a glance; always shown beside its text, never as colour alone. */
export type StatusTone = 'ok' | 'progress' | 'warning' | 'error' | 'muted';
