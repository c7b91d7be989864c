// The one-page A4 landscape workshop summary that Chromium prints to PDF: the project,
// the neighbourhood, the date, the headline figures as text, the charts (SVG, so the PDF
// stays crisp), a short ward table, how each figure was made, and the data sources'
// attribution. Sets document.body.dataset.ready = '1' once every chart has drawn.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectInfo } from '../../../../shared/contract/methods';
import { percentShares } from '../../../../shared/engine/shown-figures';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';
import { ApiFailure, call } from '../../api/client';
import { Chart } from '../../charts/Chart';
import { WardMap } from '../../charts/map/WardMap';
import type { WardMap as WardMapData } from '../../../../shared/contract/maps';
import type { FeatureCollection, Geometry } from 'geojson';
import { confidenceOption, influenceOption, lookFor, partnerOption, perHeadOption, rangeOption, splitBarHeight, themeOption } from './options';
import { BUSINESS_CASE_PRINT_CHARTS, BusinessCasePrint } from './BusinessCasePrint';
import type { PrintRoute } from './printRoute';
import { attributionLines, compactPounds, confidenceSeries, influenceSeries, ukDate, type WorkshopView } from './series';

const CHARTS = ['partners', 'themes', 'per-head', 'range', 'confidence', 'influence', 'map'] as const;

function fail(text: string) {
  document.body.dataset.error = text;
  document.body.dataset.ready = 'error';
}

export function WorkshopPrint({ route }: { route: PrintRoute }) {
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [view, setView] = useState<WorkshopView | null>(null);
  const [map, setMap] = useState<WardMapData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const drawn = useRef(new Set<string>());
  const [printedAt] = useState(() => new Date());

  useEffect(() => {
    document.documentElement.classList.add('print-route');
    document.documentElement.classList.toggle('large-text', route.large);
    delete document.body.dataset.ready;
    const run = async () => {
      try {
        if (!route.neighbourhood) throw new Error('The print address names no neighbourhood (neighbourhood=<name>).');
        const p = await call('project.current', {});
        if (!p) throw new Error('No project is open: open the project, then print its workshop summary.');
        const v = await call('workshop.view', { neighbourhood: route.neighbourhood, ...(route.whatIf ? { whatIf: route.whatIf } : {}) });
        const m = await call('maps.wards', { measure: 'per_head', neighbourhood: route.neighbourhood, ...(route.whatIf ? { whatIf: route.whatIf } : {}) });
        document.title = `${p.name} — ${v.detail.summary.neighbourhood} — workshop summary`;
        setMap(m);
        setProject(p);
        setView(v);
      } catch (e) {
        const text = e instanceof ApiFailure || e instanceof Error ? e.message : String(e);
        setError(text);
        fail(text);
      }
    };
    void run();
  }, [route]);

  const look = useMemo(() => ({ ...lookFor(route.large, true), maxRows: 8 }), [route.large]);
  const options = useMemo(() => {
    if (!view) return null;
    const d = view.detail;
    return {
      partners: partnerOption(d, look),
      themes: themeOption(d, look),
      'per-head': perHeadOption(d, { ...look, maxRows: 7 }),
      range: rangeOption(d, look),
      confidence: confidenceOption(d, look),
      influence: influenceOption(d, look),
    };
  }, [view, look]);

  const failed = useCallback((text: string) => {
    setError(text);
    fail(text);
  }, []);

  // The proposal's page, when one is asked for, has its own charts to wait for.
  const expected = CHARTS.length + (route.proposal ? BUSINESS_CASE_PRINT_CHARTS.length : 0);
  const finished = (id: string) => {
    drawn.current.add(id);
    if (drawn.current.size === expected && !document.body.dataset.ready) {
      // One more frame so the last SVG is in the page before the printer looks.
      requestAnimationFrame(() => {
        document.body.dataset.ready = '1';
      });
    }
  };

  if (error)
    return (
      <div className="print-sheet print-error" role="alert">
        <h1>The workshop summary could not be made</h1>
        <p>{error}</p>
      </div>
    );
  if (!view || !project || !options || !map) return <div className="print-sheet loading">Preparing the summary…</div>;

  const d = view.detail;
  const s = d.summary;
  const inf = influenceSeries(d);
  const conf = confidenceSeries(d);
  const whatIf = !!route.whatIf && (route.whatIf.lines.length > 0 || route.whatIf.partners.length > 0);
  const chart = (id: Exclude<(typeof CHARTS)[number], 'map'>, title: string, height: number, note: string) => (
    <section className="print-chart" key={id} data-testid={`print-${id}`}>
      <h2>{title}</h2>
      <Chart option={options[id]} renderer="svg" height={height} label={title} onFinished={() => finished(id)} />
      <p className="print-note">{note}</p>
    </section>
  );
  const chartHeight = route.large ? 185 : 205;

  const sheet = (
    <div className="print-sheet" data-testid="print-sheet">
      <header className="print-head">
        <div>
          <h1>
            {s.neighbourhood}: where the public money goes
            {whatIf && <span className="whatif-tag">what-if, not saved</span>}
          </h1>
          <div className="print-meta">
            {project.name} · {project.ladName} · {project.year} · {s.wards.length} ward{s.wards.length === 1 ? '' : 's'}, population{' '}
            {s.population === null ? 'n/a' : s.population.toLocaleString('en-GB')}
          </div>
        </div>
        <div className="print-date">
          {ukDate(printedAt)}
          <div className="print-meta">Spendmap</div>
        </div>
      </header>

      <div className="print-figures" data-testid="print-figures">
        <div>
          <div className="figure-label">Public spend in {s.neighbourhood}</div>
          <div className="print-big" data-testid="print-total">
            {formatPounds(s.total_pence)}
          </div>
        </div>
        <div>
          <div className="figure-label">Open to local influence</div>
          <div className="print-big" data-testid="print-influenceable">
            {compactPounds(inf.influenceablePence)} of {compactPounds(inf.totalPence)}
          </div>
          <div className="print-small">
            {formatPounds(inf.influenceablePence)} · {formatPercent(inf.pct)}
          </div>
        </div>
        <div>
          <div className="figure-label">Per head</div>
          <div className="print-big">{s.per_head_gbp === null ? 'n/a' : formatPerHead(s.per_head_gbp)}</div>
          <div className="print-small">Borough {s.borough_per_head_gbp === null ? 'n/a' : formatPerHead(s.borough_per_head_gbp)}</div>
        </div>
        <div>
          <div className="figure-label">Sensitivity range</div>
          <div className="print-big">
            {compactPounds(s.sensitivity.low_pence)} – {compactPounds(s.sensitivity.high_pence)}
          </div>
          <div className="print-small">
            {formatPounds(s.sensitivity.low_pence)} – {formatPounds(s.sensitivity.high_pence)}
          </div>
        </div>
        <div>
          <div className="figure-label">How sure we are</div>
          <div className="print-big print-rag">
            {conf.rows.map((c, i) => (
              <span key={c.key} className={`rag rag-${c.key}`}>
                {c.letter} {formatPercent(percentShares(conf.rows.map((r) => r.pence))[i]!, 0)}
              </span>
            ))}
          </div>
          <div className="print-small">{conf.rows.map((c) => `${c.letter} ${formatPounds(c.pence)}`).join(' · ')}</div>
        </div>
      </div>

      <div className="print-grid">
        {chart('partners', 'Spend by partner (£ and % of the total)', chartHeight, `Each partner's lines' amounts in ${s.neighbourhood}.`)}
        {chart('themes', 'Spend by theme', chartHeight, 'A line with several themes counts in each: themes overlap.')}
        {chart('per-head', `Per head: ${s.neighbourhood} beside the borough`, chartHeight, `${s.neighbourhood} ÷ its population; the borough ÷ the borough's.${d.partners.length > 6 ? ' The six largest partners.' : ''}`)}
        {chart('range', 'How much the figures could move', chartHeight, '◆ as mapped; the band: β at 0, 0.5 and 1 and population at β 0.')}
        <section className="print-chart print-split">
          <h2>Open to local influence</h2>
          <Chart option={options.influence} renderer="svg" height={splitBarHeight(look, 2)} label="Open to local influence" onFinished={() => finished('influence')} />
          <h2>Confidence (colour and letter)</h2>
          <Chart option={options.confidence} renderer="svg" height={splitBarHeight(look, 3)} label="Confidence mix" onFinished={() => finished('confidence')} />
          <p className="print-note">Influence-able: each line's amount × its discretionary %. Confidence: override, else from the basis.</p>
        </section>
        <section className="print-chart print-wards print-map" data-testid="print-map">
          <h2>Spend per head by ward, {s.neighbourhood} outlined</h2>
          {map && <WardMap map={map} shapes={map.shapes as FeatureCollection<Geometry, { name: string }>} renderer="svg" height={chartHeight - 30} onFinished={() => finished('map')} />}
        </section>
      </div>

      <footer className="print-foot">
        <p>
          <strong>How these figures were made.</strong> {d.explain.total_pence} {d.explain.per_head_gbp} {d.explain.sensitivity}
          {s.unallocated.length > 0 && ` Not allocated and not counted: ${s.unallocated.map((u) => u.ref).join(', ')}.`}
        </p>
        <p className="print-attribution">
          <strong>Sources.</strong> {attributionLines(project.sources).join(' ')}
        </p>
      </footer>
    </div>
  );
  return (
    <>
      {sheet}
      {route.proposal && <BusinessCasePrint proposal={route.proposal} whatIf={route.proposalWhatIf} look={look} onFinished={finished} onError={failed} />}
    </>
  );
}
