import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { visibleWindow } from './visible-window.js';

export interface Column<T> {
  title: string;
  /** A CSS grid track, e.g. "minmax(12rem, 2fr)" or "5rem". */
  width: string;
  render(row: T): ComponentChildren;
  align?: 'end';
}

/**
 * A table that draws only the rows in view (plus a few either side), so thousands of rows
 * cost what a screenful does. Rows have a fixed height; the body is an ARIA table whose
 * aria-rowcount/aria-rowindex tell assistive technology the full size.
 */
export function VirtualTable<T>(props: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey(row: T): string;
  rowHeight?: number;
  empty: ComponentChildren;
}) {
  const { label, rows, columns, rowKey, rowHeight = 36, empty } = props;
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = body.current!;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setScrollTop(element.scrollTop);
      });
    };
    const resize = new ResizeObserver(() => setViewport(element.clientHeight));
    resize.observe(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, []);

  const template = columns.map((c) => c.width).join(' ');
  const { first, last } = visibleWindow(scrollTop, viewport, rowHeight, rows.length);
  const visible = rows.slice(first, last);

  return (
    <div class="vtable" role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div class="vtable-row vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div role="columnheader" class={c.align === 'end' ? 'cell-end' : undefined}>
              {c.title}
            </div>
          ))}
        </div>
      </div>
      <div class="vtable-body" ref={body} tabIndex={0} role="rowgroup" aria-label={`${label}, ${rows.length} rows`}>
        {rows.length === 0 ? <div class="vtable-empty">{empty}</div> : null}
        <div class="vtable-spacer" style={{ height: `${rows.length * rowHeight}px` }}>
          {visible.map((row, i) => (
            <div
              key={rowKey(row)}
              data-key={rowKey(row)}
              class="vtable-row"
              role="row"
              aria-rowindex={first + i + 2}
              style={{
                gridTemplateColumns: template,
                height: `${rowHeight}px`,
                transform: `translateY(${(first + i) * rowHeight}px)`,
              }}
            >
              {columns.map((c) => (
                <div role="cell" class={c.align === 'end' ? 'cell-end' : undefined}>
                  {c.render(row)}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
