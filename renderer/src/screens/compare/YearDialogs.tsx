// Roll forward and convert: each writes a new project file from the open one (which is
// left as it is), then offers to open it. One dialog frame serves both.
import { useState, type ReactNode } from 'react';
import { ApiFailure, call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { useApp } from '../../app/state';

function nextYear(year: string): string {
  const y = Number(year.slice(0, 4)) + 1;
  return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
}

/** The path beside the open file, with its name changed. */
function beside(path: string, name: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return `${path.slice(0, cut + 1)}${name}.spendmap`;
}

interface Written {
  path: string;
  text: string;
}

/** The frame both dialogs share: the new file's path, the action, then "open it". */
function NewFileDialog(props: {
  title: string;
  action: string;
  initialOut: string;
  ready: boolean;
  write: (out: string) => Promise<Written>;
  onClose: () => void;
  children: ReactNode;
}) {
  const app = useApp();
  const [out, setOut] = useState(props.initialOut);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Written | null>(null);
  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };
  const write = () =>
    attempt(async () => {
      setBusy(true);
      try {
        setDone(await props.write(out.trim()));
      } finally {
        setBusy(false);
      }
    });
  const open = (path: string) =>
    attempt(async () => {
      await call('project.open', { path });
      await app.refreshProject();
      app.go('budgets');
    });
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      footer={
        done ? (
          <>
            <button onClick={props.onClose}>Close</button>
            <button className="primary" onClick={() => void open(done.path)}>
              Open the new project
            </button>
          </>
        ) : (
          <>
            <button onClick={props.onClose}>Cancel</button>
            <button className="primary" disabled={busy || !props.ready || !out.trim()} onClick={() => void write()}>
              {props.action}
            </button>
          </>
        )
      }
    >
      {props.children}
      {props.ready && (
        <label>
          New project file
          <input value={out} onChange={(e) => setOut(e.target.value)} aria-label="New project file" />
        </label>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {done && <p role="status">{done.text}</p>}
    </Modal>
  );
}

export function RollForwardDialog({ onClose }: { onClose: () => void }) {
  const { project } = useApp();
  const [year, setYear] = useState(nextYear(project.year));
  return (
    <NewFileDialog
      title="Roll forward to next year"
      action="Roll forward"
      initialOut={beside(project.path, project.name.split(project.year).join(nextYear(project.year)))}
      ready={!!year.trim()}
      onClose={onClose}
      write={async (out) => {
        const r = await call('years.rollForward', { year: year.trim(), out });
        return { path: r.path, text: `Created ${r.fileName} for ${r.year}: ${r.lines} lines carried forward, marked to confirm.` };
      }}
    >
      <p>
        A new project for the next year: the same authority, wards, partners, neighbourhoods and proxies; every line carried over with its amount,
        marked <em>carried forward — to confirm</em> until you edit it. This project is not changed.
      </p>
      <label>
        Financial year
        <input value={year} onChange={(e) => setYear(e.target.value)} aria-label="Financial year" placeholder="2025-26" />
      </label>
    </NewFileDialog>
  );
}

export function ConvertDialog({ onClose }: { onClose: () => void }) {
  const { project } = useApp();
  const targets = ['wards2024', 'wards2025'].filter((p) => p > project.packId);
  const [pack, setPack] = useState(targets[0] ?? '');
  return (
    <NewFileDialog
      title="Convert to other wards"
      action="Convert"
      initialOut={beside(project.path, `${project.name} (${targets[0] ?? 'converted'})`)}
      ready={!!pack}
      onClose={onClose}
      write={async (out) => {
        const r = await call('years.convert', { pack, out });
        const moved = r.siteLines.length ? ` ${r.siteLines.length} site lines moved to a new ward, marked to review.` : '';
        const hoods = r.neighbourhoods.map((n) => `${n.name} ${n.newWards.join(', ')}`).join('; ') || 'none';
        return { path: r.path, text: `Created ${r.fileName} on ${r.to} (${r.wards} wards).${moved} Neighbourhoods: ${hoods}.` };
      }}
    >
      {targets.length === 0 ? (
        <p>This project is on {project.packId}, the newest ward vintage: there is nothing to convert it to.</p>
      ) : (
        <>
          <p>
            A new project on another ward vintage, by the Census 2021 residents crosswalk: standard proxies from the new pack, custom proxies and
            direct figures converted (each line keeps its total to the penny), site lines moved and marked to review. This project is not changed.
          </p>
          <label>
            Ward vintage
            <select value={pack} onChange={(e) => setPack(e.target.value)} aria-label="Ward vintage">
              {targets.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
        </>
      )}
    </NewFileDialog>
  );
}
