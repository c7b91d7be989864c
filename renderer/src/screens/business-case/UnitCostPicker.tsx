// The unit-cost picker: the GMCA Unit Cost Database searched by theme and words.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { call } from '../../api/client';

type Found = MethodOutput<'cba.unitCosts'>;
export type UnitCostEntry = Found['entries'][number];

export function UnitCostPicker({ onPick, onClose }: { onPick: (u: UnitCostEntry) => void; onClose: () => void }) {
  const [theme, setTheme] = useState('');
  const [words, setWords] = useState('');
  const [found, setFound] = useState<Found | null>(null);

  useEffect(() => {
    const t = setTimeout(() => void call('cba.unitCosts', { theme: theme || undefined, words: words || undefined, limit: 50 }).then(setFound), 150);
    return () => clearTimeout(t);
  }, [theme, words]);

  return (
    <div className="cba-picker" role="dialog" aria-label="Unit cost database">
      <div className="cba-picker-head">
        <label>
          Theme{' '}
          <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">All themes</option>
            {found?.themes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Words <input aria-label="Search unit costs" value={words} placeholder="e.g. child care" onChange={(e) => setWords(e.target.value)} />
        </label>
        <button onClick={onClose}>Close</button>
      </div>
      {found && (
        <>
          <p className="muted">
            {found.count.toLocaleString('en-GB')} match{found.count === 1 ? '' : 'es'}
            {found.count > found.entries.length ? `, first ${found.entries.length} shown` : ''}. Source: {found.attribution}.
          </p>
          <div className="cba-picker-list">
            <table aria-label="Unit costs">
              <thead>
                <tr>
                  <th>Code</th>
                  <th>Description</th>
                  <th>Unit</th>
                  <th className="num">£</th>
                  <th>Prices of</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {found.entries.map((u) => (
                  <tr key={u.code}>
                    <td>{u.code}</td>
                    <td>
                      {u.description}
                      <div className="muted">
                        {u.theme} · {u.detail} · {u.agency}
                      </div>
                    </td>
                    <td>{u.unit}</td>
                    <td className="num">{Number(u.cost_gbp).toLocaleString('en-GB')}</td>
                    <td>{u.price_year}</td>
                    <td>
                      <button aria-label={`Use ${u.code}`} onClick={() => onPick(u)}>
                        Use
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
