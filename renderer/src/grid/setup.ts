// AG Grid Community, registered once, with our theme (Theming API). Only the modules
// the three grids use (budgets, mapping, proxies), not AllCommunityModule: it keeps the
// first screen's JavaScript small. A grid option or API call whose module is missing
// logs AG Grid error #200 naming the module to add here.
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  ClientSideRowModelModule, // proxies (rowData)
  InfiniteRowModelModule, // budgets and mapping (paged from the backend)
  TextEditorModule,
  SelectEditorModule,
  CustomEditorModule, // mapping's β editor
  RowSelectionModule,
  PinnedRowModule, // the total rows
  TooltipModule,
  RowStyleModule,
  CellStyleModule,
  ColumnApiModule, // getAllDisplayedColumns (copy and paste)
  RowApiModule, // getRowNode, getDisplayedRowAtIndex
  ScrollApiModule, // ensureIndexVisible
  RenderApiModule, // refreshCells
  CellApiModule, // getCellValue (a shown-only cell's text in copy and paste)
]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 'var(--grid-font-size)',
  headerFontWeight: 600,
  accentColor: '#1f5fa8',
  borderColor: '#d9dcd6',
  headerBackgroundColor: '#f0f1ec',
  rowHeight: 'calc(var(--grid-font-size) * 2.3)',
  headerHeight: 'calc(var(--grid-font-size) * 2.6)',
  spacing: 6,
});
