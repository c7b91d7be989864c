// The project window: left the project and its screens, top the file and its saved state.
import { lazy, memo, Suspense, useState } from 'react';
import { BudgetsScreen } from '../screens/budgets/BudgetsScreen';
import { ConvertDialog, RollForwardDialog } from '../screens/compare/YearDialogs';
import { formatPounds } from '../../../shared/money';
import { useApp, type Screen } from './state';

// The first screen (Partners & budgets) is in the main bundle; the others load when
// first opened, so the window paints without ECharts (Workshop) or the export code.
const ProxiesScreen = lazy(() => import('../screens/proxies/ProxiesScreen').then((m) => ({ default: m.ProxiesScreen })));
const MappingScreen = lazy(() => import('../screens/mapping/MappingScreen').then((m) => ({ default: m.MappingScreen })));
const NeighbourhoodScreen = lazy(() => import('../screens/neighbourhood/NeighbourhoodScreen').then((m) => ({ default: m.NeighbourhoodScreen })));
const WorkshopScreen = lazy(() => import('../screens/workshop/WorkshopScreen').then((m) => ({ default: m.WorkshopScreen })));
const BusinessCaseScreen = lazy(() => import('../screens/business-case/BusinessCaseScreen').then((m) => ({ default: m.BusinessCaseScreen })));
const CompareScreen = lazy(() => import('../screens/compare/CompareScreen').then((m) => ({ default: m.CompareScreen })));
const AuditScreen = lazy(() => import('../screens/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const ExportScreen = lazy(() => import('../screens/export/ExportScreen').then((m) => ({ default: m.ExportScreen })));

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'budgets', label: 'Partners & budgets' },
  { id: 'proxies', label: 'Proxies' },
  { id: 'mapping', label: 'Mapping' },
  { id: 'neighbourhood', label: 'Neighbourhood' },
  { id: 'workshop', label: 'Workshop' },
  { id: 'business-case', label: 'Business case' },
  { id: 'export', label: 'Export' },
  { id: 'compare', label: 'Compare years' },
  { id: 'audit', label: 'Audit log' },
];

/**
 * The open screen. Memoised: the window's own state (saving…, saved, undo's label) changes
 * on every edit and must not re-render a screen and its grid; the screens follow the
 * project through useApp.
 */
const ScreenView = memo(function ScreenView({ screen }: { screen: Screen }) {
  return (
    <Suspense fallback={<div className="booting">Opening…</div>}>
      {screen === 'budgets' && <BudgetsScreen />}
      {screen === 'proxies' && <ProxiesScreen />}
      {screen === 'mapping' && <MappingScreen />}
      {screen === 'neighbourhood' && <NeighbourhoodScreen />}
      {screen === 'workshop' && <WorkshopScreen />}
      {screen === 'business-case' && <BusinessCaseScreen />}
      {screen === 'export' && <ExportScreen />}
      {screen === 'compare' && <CompareScreen />}
      {screen === 'audit' && <AuditScreen />}
    </Suspense>
  );
});

interface Props {
  screen: Screen;
  onScreen: (s: Screen) => void;
  save: { pending: number; lastSaved: Date | null; failed: boolean };
  largeText: boolean;
  onLargeText: (v: boolean) => void;
  onClose: () => void;
  history: { undo: string | null; redo: string | null };
  onStep: (dir: 'undo' | 'redo') => void;
}

export function Shell(props: Props) {
  const { project } = useApp();
  const [dialog, setDialog] = useState<'rollForward' | 'convert' | null>(null);
  const saved = props.save.failed
    ? 'Last change not saved'
    : props.save.pending
      ? 'Saving…'
      : props.save.lastSaved
        ? `All changes saved ${props.save.lastSaved.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`
        : 'All changes saved';
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Spendmap</div>
        <section className="project-card" aria-label="Project">
          <div className="project-name">{project.name}</div>
          <div className="project-meta">
            {project.ladName} · {project.year}
          </div>
          <div className="project-meta">
            {project.wards} wards · {project.packId}
          </div>
          <div className="project-meta">
            {project.lines} lines · {formatPounds(project.totalPence)}
          </div>
          {project.neighbourhoods.length > 0 && (
            <div className="project-neighbourhoods">
              <div className="label">Neighbourhoods</div>
              <ul>
                {project.neighbourhoods.map((n) => (
                  <li key={n.id}>
                    {n.name} <span className="muted">({n.wards.length} ward{n.wards.length === 1 ? '' : 's'})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <button
              key={s.id}
              className={`nav-item${props.screen === s.id ? ' active' : ''}`}
              aria-current={props.screen === s.id ? 'page' : undefined}
              onClick={() => props.onScreen(s.id)}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <div className="sidebar-foot">
          <label className="toggle">
            <input type="checkbox" checked={props.largeText} onChange={(e) => props.onLargeText(e.target.checked)} /> Large text
          </label>
          <button className="link" onClick={() => setDialog('rollForward')}>
            Roll forward to next year…
          </button>
          <button className="link" onClick={() => setDialog('convert')}>
            Convert to other wards…
          </button>
          <button className="link" onClick={props.onClose}>
            Close project
          </button>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <div className="file-name" title={project.path}>
            {project.fileName}
          </div>
          <div className="topbar-right">
            <button
              className="icon-button"
              disabled={!props.history.undo}
              title={props.history.undo ? `Undo: ${props.history.undo} (Ctrl+Z)` : 'Nothing to undo'}
              aria-label={props.history.undo ? `Undo: ${props.history.undo}` : 'Undo'}
              onClick={() => props.onStep('undo')}
            >
              ↶ Undo
            </button>
            <button
              className="icon-button"
              disabled={!props.history.redo}
              title={props.history.redo ? `Redo: ${props.history.redo} (Ctrl+Y)` : 'Nothing to redo'}
              aria-label={props.history.redo ? `Redo: ${props.history.redo}` : 'Redo'}
              onClick={() => props.onStep('redo')}
            >
              ↷ Redo
            </button>
            <div className={`save-state${props.save.failed ? ' failed' : ''}`} role="status" data-testid="save-state">
              {saved}
            </div>
          </div>
        </header>
        <main className="content">
          <ScreenView screen={props.screen} />
        </main>
        {dialog === 'rollForward' && <RollForwardDialog onClose={() => setDialog(null)} />}
        {dialog === 'convert' && <ConvertDialog onClose={() => setDialog(null)} />}
      </div>
    </div>
  );
}
