// Enter in a cell editor sends the edit at once, from the keydown. AG Grid hands a
// read-only grid's edit to onCellEditRequest from a timer, after the frame that closes
// the editor (and after any key-up): on every edit, a frame's wait before the write even
// starts. The request AG Grid fires after for the same cell and value is then dropped.
// Select lists keep AG Grid's path: Enter there also picks the highlighted option.
import type { CellEditRequestEvent, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** What a grid's edit handler reads from AG Grid's CellEditRequestEvent. */
export type EditRequest<Row> = Pick<CellEditRequestEvent<Row>, 'data' | 'colDef' | 'newValue'>;

type Validator = (p: { value: unknown }) => string[] | null;

/**
 * `handle` saves an edit and says whether it sent one (false for an unchanged value);
 * `lineKey` names a row's line. Returns the grid's onCellEditRequest.
 */
export function useEnterCommit<Row>(
  apiRef: { current: GridApi<Row> | null },
  wrap: RefObject<HTMLElement | null>,
  handle: (request: EditRequest<Row>) => boolean,
  lineKey: (row: Row) => string | null,
): (event: CellEditRequestEvent<Row>) => void {
  // The edit sent from a keydown, until AG Grid's own request for it comes.
  const sent = useRef<string | null>(null);
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  }, [handle]);

  useEffect(() => {
    // On the document (the grid mounts after the screen's data): keys typed in this grid only.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      if (!(e.target instanceof Node) || !wrap.current?.contains(e.target)) return;
      const api = apiRef.current;
      const editing = api?.getEditingCells() ?? [];
      if (!api || editing.length !== 1 || editing[0]!.rowPinned) return;
      const column = editing[0]!.column;
      if (!column) return;
      const colDef = column.getColDef();
      if (colDef.cellEditor === 'agSelectCellEditor') return;
      const data = api.getDisplayedRowAtIndex(editing[0]!.rowIndex)?.data;
      const editor = api.getCellEditorInstances()[0];
      const line = data ? lineKey(data) : null;
      if (!data || !editor || line === null) return;
      const newValue: unknown = editor.getValue();
      // A value the cell refuses keeps its editor open: AG Grid says so, nothing is sent.
      const check = (colDef.cellEditorParams as { getValidationErrors?: Validator } | undefined)?.getValidationErrors;
      if (check?.({ value: newValue })) return;
      if (latest.current({ data, colDef, newValue })) sent.current = `${line}|${column.getColId()}|${String(newValue ?? '')}`;
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [apiRef, wrap, lineKey]);

  return useCallback(
    (event: CellEditRequestEvent<Row>) => {
      const key = `${lineKey(event.data)}|${event.column.getColId()}|${String(event.newValue ?? '')}`;
      const already = sent.current === key;
      sent.current = null;
      if (!already) latest.current(event);
    },
    [lineKey],
  );
}
