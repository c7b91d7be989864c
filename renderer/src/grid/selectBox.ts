// The tick box that picks lines for "Delete selected", "Set for selected" and Ctrl+C: a
// plain checkbox per row. AG Grid's own (rowSelection.checkboxes) builds a labelled widget
// for every row: over a quarter of the time the budgets grid took to draw its first rows.
// Selection itself stays AG Grid's (rowSelection, Space on a row, getSelectedRows).
import type { ColDef, GridApi, ICellRendererComp, ICellRendererParams, IRowNode } from 'ag-grid-community';

/** Its column: pinned left, no header text, never in a range of cells (grid/range). */
export const SELECT_COLUMN = 'select';

export interface SelectBoxParams<Row> {
  /** What the box picks, for screen readers: "Select line CH-001". */
  label: (row: Row) => string;
}

export function selectColumn<Row>(params: SelectBoxParams<Row>): ColDef<Row> {
  return {
    colId: SELECT_COLUMN,
    headerName: '',
    pinned: 'left',
    width: 44,
    resizable: false,
    sortable: false,
    editable: false,
    cellClass: 'select-cell',
    cellRenderer: SelectBox,
    cellRendererParams: params,
  };
}

/** A line's row has a box; a loading row (no data yet) and the pinned total row do not. */
const hasBox = <Row>(n: IRowNode<Row> | undefined): n is IRowNode<Row> & { data: Row } => !!n?.data && !n.rowPinned;

/** The row last ticked or unticked without shift, per grid: shift+click ticks from there. */
const anchors = new WeakMap<GridApi, number>();

class SelectBox<Row> implements ICellRendererComp<Row> {
  private readonly gui = document.createElement('span');
  private readonly input = document.createElement('input');
  private node: IRowNode<Row> | null = null;
  private api: GridApi<Row> | null = null;
  private readonly sync = () => {
    this.input.checked = !!this.node?.isSelected();
  };

  init(p: ICellRendererParams<Row> & SelectBoxParams<Row>): void {
    this.api = p.api;
    this.input.type = 'checkbox';
    this.input.className = 'row-select';
    this.input.tabIndex = -1; // the cell takes focus; Space there toggles the row (AG Grid)
    this.input.addEventListener('click', this.onClick);
    this.show(p);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  /** Kept while the row stays a line; a loading row that got its line, or the reverse, is drawn afresh. */
  refresh(p: ICellRendererParams<Row> & SelectBoxParams<Row>): boolean {
    if (hasBox(p.node) !== (this.input.parentNode === this.gui) || (this.node && p.node !== this.node)) return false;
    this.show(p);
    return true;
  }

  destroy(): void {
    this.node?.removeEventListener('rowSelected', this.sync);
    this.input.removeEventListener('click', this.onClick);
  }

  private show(p: ICellRendererParams<Row> & SelectBoxParams<Row>): void {
    const node = p.node;
    if (!hasBox(node)) return;
    if (this.node !== node) {
      this.node?.removeEventListener('rowSelected', this.sync);
      this.node = node;
      node.addEventListener('rowSelected', this.sync);
    }
    this.input.setAttribute('aria-label', p.label(node.data));
    if (this.input.parentNode !== this.gui) this.gui.append(this.input);
    this.sync();
  }

  private readonly onClick = (e: MouseEvent) => {
    const { node, api } = this;
    if (!node || !api || node.rowIndex === null) return;
    const on = this.input.checked;
    const from = anchors.get(api);
    if (e.shiftKey && from !== undefined) {
      const nodes: IRowNode<Row>[] = [];
      for (let i = Math.min(from, node.rowIndex); i <= Math.max(from, node.rowIndex); i++) {
        const n = api.getDisplayedRowAtIndex(i);
        if (hasBox(n)) nodes.push(n);
      }
      api.setNodesSelected({ nodes, newValue: on, source: 'checkboxSelected' });
    } else {
      node.setSelected(on, false, 'checkboxSelected');
      anchors.set(api, node.rowIndex);
    }
  };
}
