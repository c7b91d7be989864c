// The workshop's charts and ward table for one neighbourhood's figures (saved or what-if).
import { useMemo, type ReactNode } from 'react';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';
import { useLargeText } from '../../charts/useLargeText';
import { ChartCard } from './ChartCard';
import {
  barHeight,
  confidenceOption,
  influenceOption,
  lookFor,
  partnerOption,
  perHeadHeight,
  perHeadOption,
  rangeOption,
  splitBarHeight,
  themeOption,
} from './options';
import {
  compactPounds,
  confidenceTable,
  influenceSeries,
  influenceTable,
  partnerTable,
  perHeadTable,
  rangeTable,
  themeTable,
  type WorkshopView,
} from './series';
import { WardTable } from './WardTable';
import { UnallocatedList } from '../../components/UnallocatedList';

interface Props {
  view: WorkshopView;
  /** The saved figures, to show how far a what-if moved the headline (null = showing saved). */
  saved: WorkshopView | null;
  whatIf: boolean;
}

function Signed({ pence }: { pence: number }) {
  if (pence === 0) return <>no change</>;
  return <>{`${pence > 0 ? '+' : '−'}${compactPounds(Math.abs(pence))}`}</>;
}

export function WorkshopFigures({ view, saved, whatIf }: Props) {
  const large = useLargeText();
  const look = useMemo(() => lookFor(large), [large]);
  const d = view.detail;
  const s = d.summary;
  const nb = s.neighbourhood;
  const influence = influenceSeries(d);
  const options = useMemo(
    () => ({
      influence: influenceOption(d, look),
      confidence: confidenceOption(d, look),
      partner: partnerOption(d, look),
      theme: themeOption(d, look),
      perHead: perHeadOption(d, look),
      range: rangeOption(d, look),
    }),
    [d, look],
  );
  const tag: ReactNode = whatIf ? <span className="whatif-tag">what-if</span> : null;
  const savedTotal = saved && whatIf ? saved.detail.summary : null;

  return (
    <div className="workshop-figures">
      <div className="chart-grid">
        <ChartCard
          id="influence"
          title="Open to local influence"
          tag={tag}
          fileStem={nb}
          lead={
            <div className="headline" data-testid="influence-headline">
              <div className="headline-figure" data-testid="influence-headline-value">
                {compactPounds(influence.influenceablePence)} <span className="headline-of">of</span> {compactPounds(influence.totalPence)}
              </div>
              <div className="headline-sub">
                {formatPercent(influence.pct)} of public spend in {nb} is discretionary: {formatPounds(influence.influenceablePence)} of{' '}
                {formatPounds(influence.totalPence)}.
                {savedTotal && (
                  <span className="whatif-delta">
                    {' '}
                    Saved {compactPounds(savedTotal.influenceable_pence)}: <Signed pence={s.influenceable_pence - savedTotal.influenceable_pence} />.
                  </span>
                )}
              </div>
            </div>
          }
          option={options.influence}
          height={splitBarHeight(look, 2)}
          table={influenceTable(d)}
          note={`How: ${d.explain.influenceable_pence}`}
        />
        <ChartCard
          id="confidence"
          title="How sure we are"
          tag={tag}
          fileStem={nb}
          option={options.confidence}
          height={splitBarHeight(look)}
          table={confidenceTable(d)}
          note={`How: ${d.explain.confidence_pence}`}
        />
      </div>

      <div className="figures key-figures">
        <div className="figure" data-testid="ws-total">
          <div className="figure-label">Public spend in {nb}</div>
          <div className="figure-value" data-testid="ws-total-value">
            {formatPounds(s.total_pence)}
          </div>
          {savedTotal && (
            <div className="figure-sub whatif-delta">
              Saved {compactPounds(savedTotal.total_pence)}: <Signed pence={s.total_pence - savedTotal.total_pence} />
            </div>
          )}
          <div className="figure-explain">{d.explain.total_pence}</div>
        </div>
        <div className="figure" data-testid="ws-per-head">
          <div className="figure-label">Per head</div>
          <div className="figure-value">{s.per_head_gbp === null ? 'n/a' : formatPerHead(s.per_head_gbp)}</div>
          <div className="figure-sub">Borough: {s.borough_per_head_gbp === null ? 'n/a' : formatPerHead(s.borough_per_head_gbp)}</div>
          <div className="figure-explain">{d.explain.per_head_gbp}</div>
        </div>
        <div className="figure" data-testid="ws-range">
          <div className="figure-label">Sensitivity range</div>
          <div className="figure-value">
            {compactPounds(s.sensitivity.low_pence)} – {compactPounds(s.sensitivity.high_pence)}
          </div>
          <div className="figure-sub">
            {formatPounds(s.sensitivity.low_pence)} – {formatPounds(s.sensitivity.high_pence)}
          </div>
          <div className="figure-explain">{d.explain.sensitivity}</div>
        </div>
      </div>


      <div className="chart-grid">
        <ChartCard
          id="partners"
          title="Spend by partner"
          tag={tag}
          fileStem={nb}
          option={options.partner}
          height={barHeight(d.partners.length, look)}
          table={partnerTable(d)}
          note={`How: each partner's lines' amounts in ${nb}; the % is of the neighbourhood total (${formatPounds(s.total_pence)}).`}
        />
        <ChartCard
          id="themes"
          title="Spend by theme"
          tag={tag}
          fileStem={nb}
          option={options.theme}
          height={barHeight(d.byTheme.length, look)}
          table={themeTable(d)}
          note="How: each line's amount in the neighbourhood, added up under each of its themes. A line with several themes counts in each, so the themes add up to more than the total."
        />
        <ChartCard
          id="per-head"
          title={`Per head: ${nb} beside the borough`}
          tag={tag}
          fileStem={nb}
          option={options.perHead}
          height={perHeadHeight(d.partners.length + 1, look)}
          table={perHeadTable(d)}
          note={`How: ${d.explain.per_head_gbp} The borough: ${d.explain.borough_per_head_gbp}`}
        />
        <ChartCard
          id="range"
          title="How much the figures could move"
          tag={tag}
          fileStem={nb}
          option={options.range}
          height={barHeight(d.partners.length, look) + Math.round(look.font * 2)}
          table={rangeTable(d)}
          note={`How: ◆ is each partner's figure as mapped; the band is its sensitivity range. ${d.explain.sensitivity}`}
        />
      </div>

      <section className="chart-card wide" aria-labelledby="ws-wards-title">
        <header className="chart-head">
          <h2 id="ws-wards-title">
            Wards {tag}
          </h2>
        </header>
        <div className="ward-table-wrap">
          <WardTable view={view} />
        </div>
        <p className="chart-note">
          How: each ward's share of every allocated line, added up; per head uses the ward's population. Click a column heading to sort.{' '}
          {nb}'s wards are tinted.
        </p>
      </section>

      <UnallocatedList items={s.unallocated} />
    </div>
  );
}
