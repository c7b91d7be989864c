// New project: a reference pack, a local authority (searchable), a financial year, a file.
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput, ProjectInfo } from '../../../../shared/contract/methods';
import { parseFinancialYear } from '../../../../shared/domain/fields';
import { ApiFailure, call, nativeDialog } from '../../api/client';
import { Modal } from '../../components/Modal';

/** The financial year a UK council is in today: April to March. */
function currentFinancialYear(now = new Date()): string {
  const start = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export function NewProjectDialog(props: { host: 'electron' | 'web'; onCancel: () => void; onCreated: (p: ProjectInfo) => void }) {
  const [packs, setPacks] = useState<MethodOutput<'reference.packs'>>([]);
  const [pack, setPack] = useState('wards2024');
  const [authorities, setAuthorities] = useState<MethodOutput<'reference.authorities'>>([]);
  const [search, setSearch] = useState('');
  const [lad, setLad] = useState<string | null>(null);
  const [year, setYear] = useState(currentFinancialYear());
  const [name, setName] = useState('');
  const [path, setPath] = useState<{ path: string; exists: boolean } | null>(null);
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('reference.packs', {}).then(setPacks);
  }, []);
  useEffect(() => {
    setLad(null);
    void call('reference.authorities', { pack }).then(setAuthorities);
  }, [pack]);

  const chosen = authorities.find((a) => a.ladCode === lad) ?? null;
  const defaultName = chosen ? `${chosen.ladName} ${year}` : '';
  const projectName = name.trim() || defaultName;

  useEffect(() => {
    if (!projectName || props.host === 'electron') return;
    void call('project.suggestPath', { name: projectName }).then(setPath);
  }, [projectName, props.host]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? authorities.filter((a) => a.ladName.toLowerCase().includes(q) || a.ladCode.toLowerCase().includes(q)) : authorities;
  }, [authorities, search]);

  const yearCheck = parseFinancialYear(year);
  const canCreate = chosen && yearCheck.ok && (props.host === 'electron' || (path && (!path.exists || replace)));

  const create = async () => {
    if (!chosen) return;
    setError(null);
    let target = path?.path ?? null;
    if (props.host === 'electron') target = await nativeDialog('saveProject');
    if (!target) return;
    setBusy(true);
    try {
      props.onCreated(
        await call('project.create', { path: target, pack, lad: chosen.ladCode, year, name: projectName, force: replace || props.host === 'electron' }),
      );
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New project"
      onClose={props.onCancel}
      wide
      footer={
        <>
          <button onClick={props.onCancel}>Cancel</button>
          <button className="primary" disabled={!canCreate || busy} onClick={() => void create()}>
            {busy ? 'Creating…' : 'Create project'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label>
          Ward boundaries and data
          <select value={pack} onChange={(e) => setPack(e.target.value)}>
            {packs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} ({p.authorities} authorities)
              </option>
            ))}
          </select>
        </label>
        <label>
          Financial year
          <input value={year} onChange={(e) => setYear(e.target.value)} aria-invalid={!yearCheck.ok} placeholder="2024-25" />
          {!yearCheck.ok && <span className="field-error">Financial year {yearCheck.message}</span>}
        </label>
      </div>
      <label>
        Local authority
        <input
          type="search"
          placeholder="Search by name or code, e.g. Kingston or E09000021"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search local authorities"
        />
      </label>
      <div className="pick-list" role="listbox" aria-label="Local authorities">
        {shown.map((a) => (
          <div
            key={a.ladCode}
            role="option"
            aria-selected={a.ladCode === lad}
            tabIndex={0}
            className={`pick${a.ladCode === lad ? ' selected' : ''}`}
            onClick={() => setLad(a.ladCode)}
            onKeyDown={(e) => e.key === 'Enter' && setLad(a.ladCode)}
          >
            <span>{a.ladName}</span>
            <span className="muted">
              {a.ladCode} · {a.wards} wards
            </span>
          </div>
        ))}
        {shown.length === 0 && <div className="muted pad">No authority matches "{search}".</div>}
      </div>
      <label>
        Project name
        <input value={name} placeholder={defaultName || 'Chosen from the authority and year'} onChange={(e) => setName(e.target.value)} />
      </label>
      {props.host === 'web' && path && (
        <p className="muted">
          Saved as <code>{path.path}</code>
          {path.exists && (
            <label className="inline warn">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> A project with this name exists: replace it
            </label>
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
