// An AG Grid infinite-row datasource over a paged backend method: the grid asks for a
// block of rows, sorted as its header says; the page's other figures (totals) go to
// `onPage`, a failure to `onError`.
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';

export interface PageQuery {
  offset: number;
  limit: number;
  sort?: { field: string; dir: 'asc' | 'desc' };
  /** Per-partner subtotals: asked with the first block only (the others would repeat them). */
  subtotals?: true;
}

export function pagedSource<P extends { rows: unknown[]; count: number }>(
  fetchPage: (q: PageQuery) => Promise<P>,
  onPage: (page: P) => void,
  onError: (e: unknown) => void,
): IDatasource {
  return {
    getRows: (params: IGetRowsParams) => {
      const sort = params.sortModel[0];
      fetchPage({
        offset: params.startRow,
        limit: params.endRow - params.startRow,
        ...(params.startRow === 0 ? { subtotals: true as const } : {}),
        ...(sort ? { sort: { field: sort.colId, dir: sort.sort } } : {}),
      }).then(
        (page) => {
          onPage(page);
          params.successCallback(page.rows, page.count);
        },
        (e) => {
          params.failCallback();
          onError(e);
        },
      );
    },
  };
}
