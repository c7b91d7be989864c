// The optimism bias suggestion table, keyed by the confidence of the evidence: editable,
// so a partnership can agree its own rates (docs/method.md, Business case).
import { CONFIDENCES, type Confidence } from '../../../../shared/domain/types';

export function BiasTable({ table, onChange }: { table: Record<Confidence, number>; onChange: (t: Record<Confidence, number>) => void }) {
  return (
    <table className="cba-bias" aria-label="Optimism bias by confidence">
      <caption>Suggested optimism bias on benefits, by the confidence of the evidence</caption>
      <tbody>
        <tr>
          {CONFIDENCES.map((c) => (
            <td key={c}>
              <label>
                <span className={`rag rag-${c}`}>{c}</span>{' '}
                <input
                  aria-label={`Optimism bias for ${c} evidence`}
                  type="number"
                  min={0}
                  max={100}
                  value={table[c]}
                  onChange={(e) => onChange({ ...table, [c]: Math.min(100, Math.max(0, Number(e.target.value) || 0)) })}
                />
                %
              </label>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
