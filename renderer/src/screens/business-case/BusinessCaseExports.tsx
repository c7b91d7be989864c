// On the Export screen: one business-case workbook per saved proposal (live formulas;
// the same figures as the Business case screen and `cba --json`).
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import { call } from '../../api/client';
import { useApp } from '../../app/state';
import { downloadBase64, safeFileName } from '../../charts/download';

export function BusinessCaseExports() {
  const app = useApp();
  const [list, setList] = useState<MethodOutput<'cba.list'>>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('cba.list', {}).then(setList);
  }, [app.revision]);
  if (!list.length) return null;
  const download = async (name: string) => {
    setError(null);
    try {
      const r = await call('cba.workbook', { name });
      if (r.base64) downloadBase64(r.base64, safeFileName(r.fileName), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="export-card" aria-label="Business case workbooks">
      <h2>Business case workbooks</h2>
      <p className="muted">One workbook per proposal: every year and every figure a live formula over the proposal's inputs.</p>
      <ul>
        {list.map((p) => (
          <li key={p.id}>
            {p.name} <span className="muted">({p.neighbourhood}, {p.years} year{p.years === 1 ? '' : 's'})</span>{' '}
            <button onClick={() => void download(p.name)} aria-label={`Download the business case workbook of ${p.name}`}>
              Download workbook
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
