// AG Grid Community, registered once, with our theme (Theming API).
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

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
