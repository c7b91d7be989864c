// The window: the start screen, or an open project with its screens.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChangedEvent, ProjectInfo } from '../../../shared/contract/methods';
import { ApiFailure, bridge, call } from '../api/client';
import { StartScreen } from '../screens/start/StartScreen';
import { opened as bootProject, opening } from './boot';
import { largeTextAtStart, setLargeText } from './largeText';
import { parsePrintHash } from '../screens/workshop/printRoute';
import { Shell } from './Shell';
import { AppContext, type AppState, type Notice, type Screen } from './state';

// The print view draws charts (ECharts): loaded only on the print route.
const WorkshopPrint = lazy(() => import('../screens/workshop/WorkshopPrint').then((m) => ({ default: m.WorkshopPrint })));

type SaveState = { pending: number; lastSaved: Date | null; failed: boolean };

export function App() {
  const print = printRoute();
  if (print) return print;
  return <WindowApp />;
}

/** The print route (#print=workshop&neighbourhood=…): only the one-page summary, for print-to-PDF. */
function printRoute() {
  try {
    const route = parsePrintHash(window.location.hash);
    return route ? (
      <Suspense fallback={null}>
        <WorkshopPrint route={route} />
      </Suspense>
    ) : null;
  } catch (e) {
    document.body.dataset.ready = 'error';
    document.body.dataset.error = (e as Error).message;
    return <div className="print-error" role="alert">{(e as Error).message}</div>;
  }
}

function WindowApp() {
  // The project boot.ts opened, when it came before React started: the first render shows it.
  const [project, setProject] = useState<ProjectInfo | null>(() => bootProject ?? null);
  const [booting, setBooting] = useState(() => bootProject === undefined);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [screen, setScreen] = useState<Screen>('budgets');
  const [save, setSave] = useState<SaveState>({ pending: 0, lastSaved: null, failed: false });
  const [largeText, showLargeText] = useState(largeTextAtStart);
  const [history, setHistory] = useState<{ undo: string | null; redo: string | null }>({ undo: null, redo: null });
  const [revision, setRevision] = useState(0);
  const started = useRef(false);
  const openPath = useRef<string | null>(bootProject?.path ?? null);

  const opened = useCallback((p: ProjectInfo | null) => {
    setProject(p);
    setNotice(null);
    // A save state or screen belongs to the project it was about: another project starts
    // clean, on Partners & budgets (which asks for a neighbourhood while there is none).
    if ((p?.path ?? null) !== openPath.current) {
      openPath.current = p?.path ?? null;
      setSave({ pending: 0, lastSaved: null, failed: false });
      setScreen('budgets');
    }
    if (p) document.title = `${p.fileName} — Spendmap`;
    else document.title = 'Spendmap';
  }, []);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const run = async () => {
      try {
        // Asked for before React started (boot.ts), with the first screen's data behind it.
        const p = await opening;
        if (p) opened(p);
      } catch (e) {
        setNotice({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
      } finally {
        setBooting(false);
      }
    };
    void run();
  }, [opened]);

  const refreshProject = useCallback(async () => {
    const p = await call('project.current', {});
    setProject(p);
  }, []);

  // Another tab or window changed the project (or opened another): show what is there now.
  useEffect(() => {
    let own: string | null | undefined;
    void call('app.info', {}).then((i) => (own = i.origin), () => (own = null));
    return bridge.on('project.changed', (payload) => {
      const e = payload as ChangedEvent;
      if (own === undefined || (e.origin !== null && e.origin === own)) return;
      setRevision((v) => v + 1);
      void call('project.current', {}).then(opened, () => {});
    });
  }, [opened]);

  const patchProject = useCallback((counts: Pick<ProjectInfo, 'lines' | 'partners' | 'totalPence'>) => {
    setProject((p) => (p ? { ...p, ...counts } : p));
  }, []);

  const refreshHistory = useCallback(() => {
    void call('history.state', {}).then(setHistory, () => setHistory({ undo: null, redo: null }));
  }, []);

  const saving = useCallback(async (p: Promise<unknown>) => {
    setSave((s) => ({ ...s, pending: s.pending + 1 }));
    try {
      const r = await p;
      setSave((s) => ({ pending: s.pending - 1, lastSaved: new Date(), failed: false }));
      refreshHistory();
      return r;
    } catch (e) {
      setSave((s) => ({ ...s, pending: s.pending - 1, failed: true }));
      throw e;
    }
  }, [refreshHistory]);

  const state: AppState | null = useMemo(
    () => (project ? { project, refreshProject, patchProject, saving, notify: setNotice, go: setScreen, revision } : null),
    [project, refreshProject, patchProject, saving, revision],
  );

  const step = useCallback(
    async (dir: 'undo' | 'redo') => {
      try {
        const r = await saving(call(dir === 'undo' ? 'history.undo' : 'history.redo', {}));
        const done = (r as { done: string | null }).done;
        if (done) setNotice({ kind: 'info', text: `${dir === 'undo' ? 'Undone' : 'Redone'}: ${done}.` });
        setRevision((v) => v + 1);
        await refreshProject();
      } catch (e) {
        setNotice({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
      }
    },
    [saving, refreshProject],
  );

  useEffect(() => {
    if (project) refreshHistory();
  }, [project?.path, refreshHistory]); // eslint-disable-line react-hooks/exhaustive-deps

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z), except while typing in a field, which undoes its own text.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!project || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const dir = key === 'z' && !e.shiftKey ? 'undo' : key === 'y' || (key === 'z' && e.shiftKey) ? 'redo' : null;
      if (!dir) return;
      const t = document.activeElement;
      if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t?.closest('.ag-cell-inline-editing, .modal'))
        return;
      e.preventDefault();
      void step(dir);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project, step]);

  if (booting) return <div className="booting">Opening Spendmap…</div>;

  const closeProject = async () => {
    await call('project.close', {});
    opened(null);
  };

  return (
    <>
      {state ? (
        <AppContext.Provider value={state}>
          <Shell
            screen={screen}
            onScreen={setScreen}
            save={save}
            largeText={largeText}
            history={history}
            onStep={(dir) => void step(dir)}
            onLargeText={(on) => {
              setLargeText(on);
              showLargeText(on);
            }}
            onClose={closeProject}
          />
        </AppContext.Provider>
      ) : (
        <StartScreen onOpened={opened} host={bridge.host} />
      )}
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button aria-label="Dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
