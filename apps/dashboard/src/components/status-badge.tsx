import type { StatusTone } from '../model/status-tone.js';

/** A glyph per tone, so status reads without colour too. */
const GLYPHS: Record<StatusTone, string> = { ok: '✓', progress: '◔', warning: '!', error: '✕', muted: '–' };

export function StatusBadge({ tone, text, title }: { tone: StatusTone; text: string; title?: string }) {
  return (
    <span class={`badge tone-${tone}`} title={title}>
      <span class="badge-glyph" aria-hidden="true">
        {GLYPHS[tone]}
      </span>
      {text}
    </span>
  );
}
