/** Rows drawn beyond each edge of the viewport, so fast scrolling does not show blanks. */
export const OVERSCAN_ROWS = 8;

/** The slice of rows a virtualised list draws: those in view plus the overscan. */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / rowHeight) + OVERSCAN_ROWS);
  return { first, last };
}
