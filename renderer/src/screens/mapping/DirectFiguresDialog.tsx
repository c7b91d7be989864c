// A direct line's real ward figures, typed in: their sum is checked against the line.
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../../shared/contract/result';
import { parseAmount } from '../../../../shared/money';
import { formatPounds } from '../../../../shared/money';
import { ApiFailure, call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { ProblemList } from '../../components/ProblemList';
import type { Line } from '../../grid/lineColumns';

export function DirectFiguresDialog(props: { line: Line; wards: { code: string; name: string }[]; onClose: () => void; onSaved: () => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void call('direct.get', { lineId: props.line.id }).then((figures) =>
      setValues(Object.fromEntries(figures.map((f) => [f.ward, (f.amountPence / 100).toFixed(2)]))),
    );
  }, [props.line.id]);

  const sum = useMemo(
    () =>
      Object.values(values).reduce((s, v) => {
        const a = v.trim() ? parseAmount(v) : { ok: true as const, value: 0 };
        return a.ok ? s + a.value : s;
      }, 0),
    [values],
  );
  const diff = sum - props.line.amountPence;

  const save = async () => {
    setError(null);
    try {
      await call('direct.set', { lineId: props.line.id, figures: props.wards.map((w) => ({ ward: w.code, amount: values[w.code] ?? '' })) });
      props.onSaved();
    } catch (e) {
      setError(e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });
    }
  };

  return (
    <Modal
      title={`Ward figures for ${props.line.ref}`}
      onClose={props.onClose}
      wide
      footer={
        <>
          <button onClick={props.onClose}>Cancel</button>
          <button className="primary" onClick={() => void save()}>
            Save ward figures
          </button>
        </>
      }
    >
      <p>
        {props.line.partner}: {props.line.service}. The line is {formatPounds(props.line.amountPence, { pence: true })}; the figures add up to{' '}
        <strong>{formatPounds(sum, { pence: true })}</strong>
        {diff !== 0 && (
          <span className="warn">
            {' '}
            ({diff > 0 ? 'over' : 'short'} by {formatPounds(Math.abs(diff), { pence: true })}; the line is still allocated with these figures and flagged)
          </span>
        )}
        .
      </p>
      <div className="preview-wrap tall">
        <table className="sources">
          <thead>
            <tr>
              <th>Ward</th>
              <th>Code</th>
              <th className="num">Amount £</th>
            </tr>
          </thead>
          <tbody>
            {props.wards.map((w) => (
              <tr key={w.code}>
                <td>{w.name}</td>
                <td className="muted">{w.code}</td>
                <td className="num">
                  <input aria-label={`Amount for ${w.name}`} value={values[w.code] ?? ''} onChange={(e) => setValues({ ...values, [w.code]: e.target.value })} size={14} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <ProblemList error={error} />}
    </Modal>
  );
}
