// The Workshop's year-on-year chart: this neighbourhood here and in another year's file
// of the authority, by budget status (the pilots' route map), with the total's change.
import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPounds } from '../../../../shared/money';
import { ApiFailure, call } from '../../api/client';
import { ChangeChart } from './ChangeChart';

export function YearOnYearCard({ neighbourhood }: { neighbourhood: string }) {
  const [other, setOther] = useState(() => localStorage.getItem('spendmap.workshop.other') ?? '');
  const [result, setResult] = useState<MethodOutput<'years.compare'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    localStorage.setItem('spendmap.workshop.other', other.trim());
    try {
      setResult(await call('years.compare', { other: other.trim(), neighbourhood }));
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  };
  const change = result ? result.b.total_pence - result.a.total_pence : 0;
  return (
    <section className="chart-card" aria-label="Year on year">
      <h2>Year on year</h2>
      <div className="toolbar">
        <input value={other} onChange={(e) => setOther(e.target.value)} aria-label="Other year's project file" placeholder="Another year's .spendmap file" size={40} />
        <button disabled={!other.trim()} onClick={() => void run()}>
          Show
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {result && result.neighbourhood.toLowerCase() === neighbourhood.toLowerCase() && (
        <>
          <p>
            {result.a.year}: {formatPounds(result.a.total_pence)} · {result.b.year}: {formatPounds(result.b.total_pence)} ({change >= 0 ? '+' : '−'}
            {formatPounds(Math.abs(change))})
          </p>
          <ChangeChart comparison={result} />
        </>
      )}
    </section>
  );
}
