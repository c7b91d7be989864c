// Compare years: one neighbourhood in this project and in another file of the same
// authority (another year, or another ward vintage: matched by name) — each file's
// figures side by side, then what changed per partner and per line.
import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPerHead, formatPounds } from '../../../../shared/money';
import { ApiFailure, call } from '../../api/client';
import { useApp } from '../../app/state';
import { ChangeChart } from './ChangeChart';

type Comparison = MethodOutput<'years.compare'>;
const STATUSES = ['mainstream', 'aligned', 'virtual', 'pooled'] as const;
const CONFIDENCES = ['green', 'amber', 'red'] as const;

const signed = (p: number) => (p > 0 ? `+${formatPounds(p)}` : p < 0 ? `−${formatPounds(-p)}` : formatPounds(0));

export function CompareScreen() {
  const { project } = useApp();
  const [other, setOther] = useState('');
  const [name, setName] = useState(project.neighbourhoods[0]?.name ?? '');
  const [result, setResult] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('years.compare', { other: other.trim(), neighbourhood: name }));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiFailure ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const rows: [string, (s: Comparison['a']) => string, (c: Comparison) => number | null][] = result
    ? [
        ['Total', (s) => formatPounds(s.total_pence), (c) => c.b.total_pence - c.a.total_pence],
        ['Per head', (s) => (s.per_head_gbp === null ? '—' : formatPerHead(s.per_head_gbp)), () => null],
        ['Influence-able', (s) => formatPounds(s.influenceable_pence), (c) => c.b.influenceable_pence - c.a.influenceable_pence],
        ...STATUSES.map((st) => [`Status: ${st}`, (s: Comparison['a']) => formatPounds(s.status_pence[st]), (c: Comparison) => c.b.status_pence[st] - c.a.status_pence[st]] as [string, (s: Comparison['a']) => string, (c: Comparison) => number]),
        ...CONFIDENCES.map((k) => [`Confidence: ${k}`, (s: Comparison['a']) => formatPounds(s.confidence_pence[k]), (c: Comparison) => c.b.confidence_pence[k] - c.a.confidence_pence[k]] as [string, (s: Comparison['a']) => string, (c: Comparison) => number]),
      ]
    : [];

  return (
    <section className="screen compare" aria-label="Compare years">
      <div className="screen-head">
        <h1>Compare years</h1>
      </div>
      <div className="toolbar">
        <label>
          Other project file{' '}
          <input value={other} onChange={(e) => setOther(e.target.value)} aria-label="Other project file" placeholder="/path/to/Kingston 2024-25.spendmap" size={50} />
        </label>
        <label>
          Neighbourhood{' '}
          <select value={name} onChange={(e) => setName(e.target.value)} aria-label="Neighbourhood">
            {project.neighbourhoods.map((n) => (
              <option key={n.id}>{n.name}</option>
            ))}
          </select>
        </label>
        <button className="primary" disabled={busy || !other.trim() || !name} onClick={() => void run()}>
          Compare
        </button>
      </div>
      {project.neighbourhoods.length === 0 && <p className="empty-hint">Define a neighbourhood first (Neighbourhood screen): the comparison is of one neighbourhood.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <table className="figure-table" aria-label="Figures per file">
            <thead>
              <tr>
                <th />
                <th>
                  {result.a.file} ({result.a.year}, {result.a.pack})
                </th>
                <th>
                  {result.b.file} ({result.b.year}, {result.b.pack})
                </th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, f, change]) => {
                const d = change(result);
                return (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td className="num">{f(result.a)}</td>
                    <td className="num">{f(result.b)}</td>
                    <td className="num">{d === null ? '' : signed(d)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ChangeChart comparison={result} />
          <h2>By partner</h2>
          <table className="figure-table" aria-label="Changes by partner">
            <thead>
              <tr>
                <th>Partner</th>
                <th>{result.a.year}</th>
                <th>{result.b.year}</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {result.partners.map((p) => (
                <tr key={p.partner}>
                  <th scope="row">{p.partner}</th>
                  <td className="num">{formatPounds(p.a_pence)}</td>
                  <td className="num">{formatPounds(p.b_pence)}</td>
                  <td className="num">{signed(p.change_pence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Lines that changed</h2>
          {result.lines.length === 0 ? (
            <p role="status">No line was added, removed or changed: every ref has the same amount and status.</p>
          ) : (
            <table className="figure-table" aria-label="Changed lines">
              <thead>
                <tr>
                  <th>Ref</th>
                  <th>Partner</th>
                  <th>Change</th>
                  <th>Amount {result.a.year}</th>
                  <th>Amount {result.b.year}</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {result.lines.map((l) => (
                  <tr key={l.ref}>
                    <td>{l.ref}</td>
                    <td>{l.partner}</td>
                    <td>{{ added: 'added', removed: 'removed', amount: 'amount', status: 'status', amount_status: 'amount and status' }[l.change]}</td>
                    <td className="num">{l.a_amount_pence === null ? '' : formatPounds(l.a_amount_pence)}</td>
                    <td className="num">{l.b_amount_pence === null ? '' : formatPounds(l.b_amount_pence)}</td>
                    <td>{l.a_status === l.b_status ? (l.a_status ?? l.b_status) : `${l.a_status ?? '—'} → ${l.b_status ?? '—'}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
