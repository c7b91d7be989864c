// Roll forward and convert: each writes a new project file from the open one (which is
// left as it is), then offers to open it.
import { useState } from 'react';
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

function useWrite() {
  const app = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ path: string; text: string } | null>(null);
  const run = async (work: () => Promise<{ path: string; text: string }>) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await work());
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const open = async (path: string) => {
    try {
      await call('project.open', { path });
      await app.refreshProject();
      app.go('budgets');
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };
  return { error, busy, done, run, open };
}

export function RollForwardDialog({ onClose }: { onClose: () => void }) {
  const { project } = useApp();
  const [year, setYear] = useState(nextYear(project.year));
  const [out, setOut] = useState(beside(project.path, project.name.split(project.year).join(nextYear(project.year))));
  const w = useWrite();
  return (
    <Modal
      title="Roll forward to next year"
      onClose={onClose}
      footer={
        w.done ? (
          <>
            <button onClick={onClose}>Close</button>
            <button className="primary" onClick={() => void w.open(w.done!.path)}>
              Open the new project
            </button>
          </>
        ) : (
          <>
            <button onClick={onClose}>Cancel</button>
            <button
              className="primary"
              disabled={w.busy || !year.trim() || !out.trim()}
              onClick={() =>
                void w.run(async () => {
                  const r = await call('years.rollForward', { year: year.trim(), out: out.trim() });
                  return { path: r.path, text: `Created ${r.fileName} for ${r.year}: ${r.lines} lines carried forward, marked to confirm.` };
                })
              }
            >
              Roll forward
            </button>
          </>
        )
      }
    >
      <p>
        A new project for the next year: the same authority, wards, partners, neighbourhoods and proxies; every line carried over with its amount,
        marked <em>carried forward — to confirm</em> until you edit it. This project is not changed.
      </p>
      <label>
        Financial year
        <input value={year} onChange={(e) => setYear(e.target.value)} aria-label="Financial year" placeholder="2025-26" />
      </label>
      <label>
        New project file
        <input value={out} onChange={(e) => setOut(e.target.value)} aria-label="New project file" />
      </label>
      {w.error && <p className="error" role="alert">{w.error}</p>}
      {w.done && <p role="status">{w.done.text}</p>}
    </Modal>
  );
}

export function ConvertDialog({ onClose }: { onClose: () => void }) {
  const { project } = useApp();
  const targets = ['wards2024', 'wards2025'].filter((p) => p > project.packId);
  const [pack, setPack] = useState(targets[0] ?? '');
  const [out, setOut] = useState(beside(project.path, `${project.name} (${targets[0] ?? 'converted'})`));
  const w = useWrite();
  return (
    <Modal
      title="Convert to other wards"
      onClose={onClose}
      footer={
        w.done ? (
          <>
            <button onClick={onClose}>Close</button>
            <button className="primary" onClick={() => void w.open(w.done!.path)}>
              Open the new project
            </button>
          </>
        ) : (
          <>
            <button onClick={onClose}>Cancel</button>
            <button
              className="primary"
              disabled={w.busy || !pack || !out.trim()}
              onClick={() =>
                void w.run(async () => {
                  const r = await call('years.convert', { pack, out: out.trim() });
                  return {
                    path: r.path,
                    text: `Created ${r.fileName} on ${r.to} (${r.wards} wards).${r.siteLines.length ? ` ${r.siteLines.length} site lines moved to a new ward, marked to review.` : ''} Neighbourhoods: ${r.neighbourhoods.map((n) => `${n.name} ${n.newWards.join(', ')}`).join('; ') || 'none'}.`,
                  };
                })
              }
            >
              Convert
            </button>
          </>
        )
      }
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
          <label>
            New project file
            <input value={out} onChange={(e) => setOut(e.target.value)} aria-label="New project file" />
          </label>
        </>
      )}
      {w.error && <p className="error" role="alert">{w.error}</p>}
      {w.done && <p role="status">{w.done.text}</p>}
    </Modal>
  );
}
