// Per-partner subtotals of the lines a grid shows, beside it. Shown in whole pounds, each
// rounded by largest remainder so that they add up to the total shown (as the ward
// columns do); below £1,000 in all, exact pence, which add up as they are.
import { roundColumn } from '../../../../shared/engine/shown-figures';
import { formatCount, formatPounds } from '../../../../shared/money';

export interface PartnerTotal {
  partner: string;
  count: number;
  totalPence: number;
}

export function PartnerTotals(props: { partners: readonly PartnerTotal[]; onPick: (partner: string) => void; picked?: string | undefined }) {
  const { partners } = props;
  const total = partners.reduce((s, p) => s + p.totalPence, 0);
  const count = partners.reduce((s, p) => s + p.count, 0);
  const wholePounds = total >= 100_000;
  const shown = wholePounds ? Array.from(roundColumn(partners.map((p) => p.totalPence))) : partners.map((p) => p.totalPence);
  const money = (pence: number) => formatPounds(pence, { pence: !wholePounds });
  return (
    <aside className="partner-totals" aria-label="Subtotals by partner">
      <table>
        <thead>
          <tr>
            <th>Partner</th>
            <th className="num">Lines</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p, i) => (
            <tr key={p.partner} className={props.picked === p.partner ? 'picked' : undefined}>
              <td>
                <button className="link" title={`Show only ${p.partner}'s lines`} onClick={() => props.onPick(p.partner)}>
                  {p.partner}
                </button>
              </td>
              <td className="num">{formatCount(p.count)}</td>
              <td className="num">{money(shown[i]!)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>Total</th>
            <td className="num">{formatCount(count)}</td>
            <td className="num" data-testid="partner-totals-sum">
              {money(total)}
            </td>
          </tr>
        </tfoot>
      </table>
      {wholePounds && <p className="muted small">Whole pounds, rounded so that they add up to the total.</p>}
    </aside>
  );
}
