// A neighbourhood's figures, each with one line on how it was worked out.
import type { SummaryDetail } from '../../../../shared/contract/mapping';
import { CONFIDENCE_LETTER, CONFIDENCES } from '../../../../shared/domain/types';
import { percentShares } from '../../../../shared/engine/shown-figures';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';
import { UnallocatedList } from '../../components/UnallocatedList';

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

function Figure(props: { label: string; value: string; sub?: string; explain: string; testId: string }) {
  return (
    <div className="figure" data-testid={props.testId}>
      <div className="figure-label">{props.label}</div>
      <div className="figure-value" data-testid={`${props.testId}-value`}>
        {props.value}
      </div>
      {props.sub && <div className="figure-sub">{props.sub}</div>}
      <div className="figure-explain">{props.explain}</div>
    </div>
  );
}

export function SummaryPanel({ detail }: { detail: SummaryDetail }) {
  const s = detail.summary;
  const total = s.total_pence;
  const conf = s.confidence_pence;
  // Shown to one decimal by largest remainder, so the legend's percentages add up to 100%.
  const confShare = Object.fromEntries(percentShares(CONFIDENCES.map((c) => conf[c]), 1).map((p, i) => [CONFIDENCES[i]!, p]));
  return (
    <div className="summary" aria-label={`Summary for ${s.neighbourhood}`}>
      <div className="figures">
        <Figure label={`Public spend in ${s.neighbourhood}`} value={formatPounds(total)} explain={detail.explain.total_pence ?? ''} testId="summary-total" />
        <Figure
          label="Per head"
          value={s.per_head_gbp === null ? 'n/a' : formatPerHead(s.per_head_gbp)}
          sub={s.borough_per_head_gbp === null ? undefined : `Borough: ${formatPerHead(s.borough_per_head_gbp)}`}
          explain={detail.explain.per_head_gbp ?? ''}
          testId="summary-per-head"
        />
        <Figure
          label="Influence-able"
          value={formatPounds(s.influenceable_pence)}
          sub={`${formatPercent(pct(s.influenceable_pence, total))} of ${formatPounds(total)}`}
          explain={detail.explain.influenceable_pence ?? ''}
          testId="summary-influenceable"
        />
        <Figure
          label="Agreed by partners"
          value={formatPounds(s.agreed_pence)}
          sub={`${formatPercent(pct(s.agreed_pence, total))} of ${formatPounds(total)}`}
          explain={detail.explain.agreed_pence ?? ''}
          testId="summary-agreed"
        />
        <Figure
          label="Sensitivity range"
          value={`${formatPounds(s.sensitivity.low_pence)} – ${formatPounds(s.sensitivity.high_pence)}`}
          explain={detail.explain.sensitivity ?? ''}
          testId="summary-sensitivity"
        />
      </div>
      <div className="confidence-mix" data-testid="summary-confidence">
        <div className="figure-label">How sure we are</div>
        <div className="stacked" role="img" aria-label="Confidence mix">
          {CONFIDENCES.map((c) =>
            conf[c] > 0 ? (
              <div key={c} className={`stack stack-${c}`} style={{ width: `${pct(conf[c], total)}%` }} title={`${c}: ${formatPounds(conf[c])}`}>
                {pct(conf[c], total) >= 8 ? CONFIDENCE_LETTER[c] : ''}
              </div>
            ) : null,
          )}
        </div>
        <ul className="mix-legend">
          {CONFIDENCES.map((c) => (
            <li key={c} data-testid={`summary-confidence-${c}`}>
              <span className={`rag rag-${c}`}>
                {CONFIDENCE_LETTER[c]} {c}
              </span>{' '}
              {formatPounds(conf[c])} ({formatPercent(confShare[c] ?? 0)})
            </li>
          ))}
        </ul>
        <div className="figure-explain">{detail.explain.confidence_pence}</div>
      </div>
      <div className="summary-tables">
        <table className="sources" aria-label="By partner">
          <thead>
            <tr>
              <th>Partner</th>
              <th className="num">In {s.neighbourhood}</th>
              <th className="num">Per head</th>
              <th className="num">Borough per head</th>
              <th className="num">Influence-able</th>
              <th className="num">Range</th>
            </tr>
          </thead>
          <tbody>
            {detail.partners.map((p) => (
              <tr key={p.partner}>
                <td>
                  {p.partner} <span className="muted small">{p.type}</span>
                </td>
                <td className="num">{formatPounds(p.totalPence)}</td>
                <td className="num">{p.perHeadGbp === null ? '—' : formatPerHead(p.perHeadGbp)}</td>
                <td className="num">{p.boroughPerHeadGbp === null ? '—' : formatPerHead(p.boroughPerHeadGbp)}</td>
                <td className="num">{formatPounds(p.influenceablePence)}</td>
                <td className="num muted">
                  {formatPounds(p.lowPence)} – {formatPounds(p.highPence)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="sources" aria-label="By theme">
          <thead>
            <tr>
              <th>Theme</th>
              <th className="num">In {s.neighbourhood}</th>
              <th className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {detail.byTheme.map((t) => (
              <tr key={t.theme}>
                <td>{t.theme}</td>
                <td className="num">{formatPounds(t.totalPence)}</td>
                <td className="num">{formatPercent(pct(t.totalPence, total))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Lines sharing several themes count in each, so themes overlap. {detail.explain.focus_refs} {s.focus_refs.length} line
        {s.focus_refs.length === 1 ? '' : 's'} are in focus.
      </p>
      <UnallocatedList items={s.unallocated} />
    </div>
  );
}
