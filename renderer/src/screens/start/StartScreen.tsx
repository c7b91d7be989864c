// The start screen: recent projects, a new project, open a file, or the demo.
import { useEffect, useState } from 'react';
import type { MethodOutput, ProjectInfo } from '../../../../shared/contract/methods';
import { ApiFailure, call, nativeDialog } from '../../api/client';
import type { Bridge } from '../../api/bridge';
import { NewProjectDialog } from './NewProjectDialog';
import { OpenProjectDialog } from './OpenProjectDialog';

export function StartScreen({ onOpened, host }: { onOpened: (p: ProjectInfo) => void; host: Bridge['host'] }) {
  const [recent, setRecent] = useState<MethodOutput<'project.recent'>>([]);
  const [dialog, setDialog] = useState<'new' | 'open' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void call('project.recent', {}).then(setRecent, () => setRecent([]));
  }, []);

  const open = async (what: string, fn: () => Promise<ProjectInfo>) => {
    setError(null);
    setBusy(what);
    try {
      onOpened(await fn());
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const openFile = async () => {
    if (host === 'electron') {
      const path = await nativeDialog('openProject');
      if (path) await open('Opening…', () => call('project.open', { path }));
    } else setDialog('open');
  };

  return (
    <div className="start">
      <div className="start-panel">
        <h1>Spendmap</h1>
        <p className="lede">
          Map all public spend in a neighbourhood: apportion partners' borough budgets to wards, rate how sure each figure is, and
          send every partner an Excel pack that shows the working.
        </p>
        <div className="start-actions">
          <button className="primary" onClick={() => setDialog('new')}>
            New project…
          </button>
          <button onClick={() => void openFile()}>Open…</button>
          <button onClick={() => void open('Opening the demo…', () => call('project.openDemo', {}))}>Open the demo</button>
        </div>
        {busy && <p role="status">{busy}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <h2>Recent projects</h2>
        {recent.length === 0 ? (
          <p className="muted">No recent projects yet. Start with the demo (Kingston upon Thames, Norbiton) or a new project.</p>
        ) : (
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.path}>
                <button className="link" disabled={!r.exists} onClick={() => void open('Opening…', () => call('project.open', { path: r.path }))}>
                  {r.name}
                </button>
                <span className="muted" title={r.path}>
                  {' '}
                  {r.exists ? r.path : 'file moved or deleted'} · opened {new Date(r.openedAt).toLocaleDateString('en-GB')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {dialog === 'new' && (
        <NewProjectDialog
          host={host}
          onCancel={() => setDialog(null)}
          onCreated={(p) => {
            setDialog(null);
            onOpened(p);
          }}
        />
      )}
      {dialog === 'open' && (
        <OpenProjectDialog
          onCancel={() => setDialog(null)}
          onOpen={(path) => {
            setDialog(null);
            void open('Opening…', () => call('project.open', { path }));
          }}
        />
      )}
    </div>
  );
}
