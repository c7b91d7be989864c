// Neighbourhoods: name a set of wards by ticking them, and see each one's figures.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SummaryDetail } from '../../../../shared/contract/mapping';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { ApiFailure, call } from '../../api/client';
import { useApp } from '../../app/state';
import { NeighbourhoodMap } from './NeighbourhoodMap';
import { SummaryPanel } from './SummaryPanel';

type Ward = MethodOutput<'wards.list'>[number];

const num = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function NeighbourhoodScreen() {
  const app = useApp();
  const list = app.project.neighbourhoods;
  const [selected, setSelected] = useState<string | null>(list[0]?.name ?? null);
  const [editing, setEditing] = useState<{ original: string | null; name: string; wards: Set<string> } | null>(
    list.length ? null : { original: null, name: '', wards: new Set() },
  );
  const [wards, setWards] = useState<Ward[]>([]);
  const [search, setSearch] = useState('');
  const [detail, setDetail] = useState<SummaryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('wards.list', {}).then(setWards);
  }, []);

  const loadSummary = useCallback(async (name: string) => {
    try {
      setDetail(await call('summary.neighbourhood', { name }));
    } catch (e) {
      setDetail(null);
      app.notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  }, [app]);

  useEffect(() => {
    if (selected) void loadSummary(selected);
  }, [selected, loadSummary, app.revision]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? wards.filter((w) => w.name.toLowerCase().includes(q) || w.code.toLowerCase().includes(q)) : wards;
  }, [wards, search]);

  const save = async () => {
    if (!editing) return;
    setError(null);
    try {
      const n = await app.saving(call('neighbourhoods.save', { name: editing.name, wards: [...editing.wards] }));
      if (editing.original && editing.original.toLowerCase() !== editing.name.trim().toLowerCase())
        await call('neighbourhoods.delete', { name: editing.original });
      await app.refreshProject();
      setEditing(null);
      setSelected((n as { name: string }).name);
      void loadSummary((n as { name: string }).name);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };

  const remove = async (name: string) => {
    if (!window.confirm(`Delete the neighbourhood "${name}"? Its wards and lines are not affected.`)) return;
    await app.saving(call('neighbourhoods.delete', { name }));
    await app.refreshProject();
    setSelected(null);
    setDetail(null);
  };

  const chosen = editing ? wards.filter((w) => editing.wards.has(w.code)) : [];
  const chosenPop = chosen.reduce((s, w) => s + (w.population ?? 0), 0);

  return (
    <section className="screen neighbourhood" aria-label="Neighbourhood">
      <div className="screen-head">
        <h1>Neighbourhood</h1>
        <div className="toolbar">
          {list.length > 0 && (
            <select aria-label="Neighbourhood" value={selected ?? ''} onChange={(e) => setSelected(e.target.value)}>
              {list.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
          )}
          {selected && !editing && (
            <>
              <button
                onClick={() => {
                  const n = list.find((x) => x.name === selected);
                  if (n) setEditing({ original: n.name, name: n.name, wards: new Set(n.wards) });
                }}
              >
                Edit wards…
              </button>
              <button onClick={() => void remove(selected)}>Delete</button>
            </>
          )}
          <button className="primary" onClick={() => setEditing({ original: null, name: '', wards: new Set() })}>
            New neighbourhood…
          </button>
        </div>
      </div>
      <div className="neighbourhood-body">
        {editing && (
          <div className="ward-picker" aria-label="Choose wards">
            <label>
              Name
              <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} placeholder="e.g. Norbiton" aria-label="Neighbourhood name" />
            </label>
            <input type="search" placeholder="Find a ward by name or code" aria-label="Find a ward" value={search} onChange={(e) => setSearch(e.target.value)} />
            <table className="sources ward-table">
              <thead>
                <tr>
                  <th></th>
                  <th>Ward</th>
                  <th>Code</th>
                  <th className="num">Population</th>
                  <th className="num">IMD score</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((w) => (
                  <tr key={w.code} className={editing.wards.has(w.code) ? 'ticked' : ''}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${w.name} (${w.code})`}
                        checked={editing.wards.has(w.code)}
                        onChange={(e) => {
                          const next = new Set(editing.wards);
                          if (e.target.checked) next.add(w.code);
                          else next.delete(w.code);
                          setEditing({ ...editing, wards: next });
                        }}
                      />
                    </td>
                    <td>{w.name}</td>
                    <td className="muted">{w.code}</td>
                    <td className="num">{w.population === null ? 'missing' : num.format(w.population)}</td>
                    <td className="num">{w.imdScore === null ? 'missing' : num.format(w.imdScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              {chosen.length} ward{chosen.length === 1 ? '' : 's'} ticked, population {num.format(chosenPop)}.
            </p>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="toolbar">
              <button className="primary" disabled={!editing.name.trim() || editing.wards.size === 0} onClick={() => void save()}>
                Save neighbourhood
              </button>
              {list.length > 0 && <button onClick={() => setEditing(null)}>Cancel</button>}
            </div>
          </div>
        )}
        {editing && (
          <NeighbourhoodMap
            ticked={editing.wards}
            onToggle={(code) =>
              setEditing((e) => {
                if (!e) return e;
                const next = new Set(e.wards);
                if (next.has(code)) next.delete(code);
                else next.add(code);
                return { ...e, wards: next };
              })
            }
          />
        )}
        {!editing && detail && <SummaryPanel detail={detail} />}
        {!editing && !detail && list.length === 0 && (
          <div className="empty-hint">
            <p>No neighbourhood yet. Name one by ticking its wards (Norbiton is one ward; Poplar is two).</p>
          </div>
        )}
      </div>
    </section>
  );
}
