// What the Mapping and Neighbourhood screens and the CLI read: every line's ward split,
// and a neighbourhood's figures with a line on how each was worked out.
import { compareText, neighbourhoodSummary, perHead } from '../../../shared/engine';
import type { Strip, Summary, SummaryDetail } from '../../../shared/contract/mapping';
import { suggestedConfidence, type SpendLine } from '../../../shared/domain/types';
import { formatPounds } from '../../../shared/money';
import type { Project } from '../project/project';
import { agreedPence } from '../packs/agreement-view';
import { allocationOf } from './allocation';
import { withFocus } from '../budgets/line-filter';
import { getLines, lineTotals, listLines, type LineFilter, type LineTotals, type PageQuery } from '../budgets/lines';
import { everyPartner } from '../budgets/partners-store';
import { findNeighbourhood } from '../neighbourhoods/service';
import { wardList } from '../proxies/service';
import { shownFigures } from './shown-figures';

function rowsFor(project: Project, lines: SpendLine[], neighbourhood?: string) {
  const allocation = allocationOf(project);
  const nbWards = neighbourhood ? findNeighbourhood(project, neighbourhood).wards : null;
  const tracker = nbWards ? allocation.neighbourhood(nbWards) : null;
  const focus = allocation.focusSet();
  const shown = shownFigures(project, lines.map((l) => l.id), nbWards);
  return lines.map((line) => {
    const r = allocation.result(line.id);
    const ok = r?.ok === true;
    return {
      shown: shown.get(line.id) ?? null,
      line,
      suggested: suggestedConfidence(line.basis),
      allocated: ok,
      reason: r && !r.ok ? r.reason : r ? null : 'not yet apportioned',
      directDifference: ok && r.directDifference !== undefined ? r.directDifference : null,
      wardPence: ok ? Array.from(r.amounts) : null,
      neighbourhoodPence: tracker && ok ? (tracker.lineFigures(line.id)?.pence ?? 0) : null,
      focus: focus.has(line.ref),
    };
  });
}

/** The grid's bottom row: Σ per ward, allocated, all lines shown (`totalPence` of the query) and the neighbourhood. */
function mappingTotals(project: Project, { totalPence, partners }: LineTotals, neighbourhood: { wards: string[] } | null) {
  const allocation = allocationOf(project);
  const wardTotals = Array.from(allocation.wardTotals());
  const index = new Map(project.wards().map((w, i) => [w.code, i]));
  return {
    wardPence: wardTotals,
    allocatedPence: allocation.allocatedPence(),
    totalPence,
    partners,
    neighbourhoodPence: neighbourhood ? neighbourhood.wards.reduce((s, w) => s + (wardTotals[index.get(w)!] ?? 0), 0) : null,
  };
}

export function mappingPage(project: Project, q: PageQuery & { neighbourhood?: string | undefined }) {
  const page = listLines(project, withFocus(project, q));
  const n = q.neighbourhood ? findNeighbourhood(project, q.neighbourhood) : null;
  return {
    wards: wardList(project),
    neighbourhoodWards: n?.wards ?? [],
    rows: rowsFor(project, page.rows, n?.name),
    count: page.count,
    totals: mappingTotals(project, page, n),
  };
}

/**
 * What the Mapping screen repaints after an edit of these lines, so an edit is one
 * round trip: their rows, the bottom row, and the neighbourhood strip's figures.
 */
export function mappingRepaint(project: Project, ids: number[], q: LineFilter & { neighbourhood?: string | undefined }) {
  const n = q.neighbourhood ? findNeighbourhood(project, q.neighbourhood) : null;
  const totals = lineTotals(project, withFocus(project, q));
  return {
    rows: rowsFor(project, getLines(project, ids), n?.name),
    count: totals.count,
    totals: mappingTotals(project, totals, n),
    strip: n ? stripOf(neighbourhoodSummary(allocationOf(project), { name: n.name, wards: n.wards })) : null,
  };
}

function stripOf(s: Summary): Strip {
  const { neighbourhood, total_pence, per_head_gbp, borough_per_head_gbp, influenceable_pence, confidence_pence, sensitivity } = s;
  return { neighbourhood, total_pence, per_head_gbp, borough_per_head_gbp, influenceable_pence, confidence_pence, sensitivity };
}

export function mappingRows(project: Project, ids: number[], neighbourhood?: string) {
  return { rows: rowsFor(project, getLines(project, ids), neighbourhood) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function neighbourhoodDetail(project: Project, name: string): SummaryDetail {
  const n = findNeighbourhood(project, name);
  const allocation = allocationOf(project);
  const spec = { name: n.name, wards: n.wards };
  const summary = neighbourhoodSummary(allocation, spec);
  const tracker = allocation.neighbourhood(n.wards);
  const containing = tracker.containingRange();
  const boroughPopulation = allocation.borough.boroughPopulation();

  const themes = new Map<string, number>();
  const partners = new Map<string, { borough: number; low: number; high: number }>();
  let allocatedLines = 0;
  for (const e of allocation.lines()) {
    if (!e.result.ok) continue;
    allocatedLines++;
    const f = tracker.lineFigures(e.line.id);
    const pence = f?.pence ?? 0;
    const lineThemes = e.line.themes?.length ? e.line.themes : ['(no theme)'];
    for (const t of lineThemes) themes.set(t, (themes.get(t) ?? 0) + pence);
    let p = partners.get(e.line.partner);
    if (!p) partners.set(e.line.partner, (p = { borough: 0, low: 0, high: 0 }));
    for (const a of e.result.amounts) p.borough += a;
    p.low += f?.low ?? pence;
    p.high += f?.high ?? pence;
  }
  const types = new Map(everyPartner(project.db).map((r) => [r.name, r.type]));

  const wardNames = new Map(project.wards().map((w) => [w.code, w.name]));
  const where = n.wards.length === 1 ? `${wardNames.get(n.wards[0]!)} ward (${n.wards[0]})` : `its ${n.wards.length} wards (${n.wards.join(', ')})`;
  const popSource = project.proxies().find((p) => p.name === 'population');
  const popText = popSource ? `${popSource.source.replace(/ \[.*\]$/, '')}, ${popSource.year}` : 'the population proxy';
  const explain: Record<string, string> = {
    total_pence: `The sum of ${plural(allocatedLines, 'allocated line')}' amounts in ${where}.`,
    per_head_gbp:
      summary.population === null
        ? 'Not available: a ward of the neighbourhood has no population figure.'
        : `${formatPounds(summary.total_pence)} ÷ ${summary.population.toLocaleString('en-GB')} people (${popText}).`,
    borough_per_head_gbp:
      summary.borough_population === null
        ? 'Not available: a ward of the borough has no population figure.'
        : `${formatPounds(summary.borough_total_pence)} of allocated lines ÷ ${summary.borough_population.toLocaleString('en-GB')} people in the borough's ${plural(project.wards().length, 'ward')}.`,
    influenceable_pence: `Each line's neighbourhood amount × its discretionary %, added up and rounded to the penny once.`,
    confidence_pence: `The neighbourhood total split by each line's confidence: the user's override, else suggested from its basis (direct and site green; needs proxies amber; population and even red).`,
    sensitivity: `Each line shared by a proxy or evenly is recomputed with its basis at β = 0, 0.5 and 1 and with population at β = 0; the lowest and highest are added up, with direct and site lines as they are.`,
    focus_refs: `The 80:20 rule: lines in order of amount, largest first; a line is in focus while the lines before it make up less than 80% of all spend.`,
    unallocated:
      summary.unallocated.length === 0
        ? 'Every line was allocated.'
        : `${plural(summary.unallocated.length, 'line')} could not be allocated and ${summary.unallocated.length === 1 ? 'is' : 'are'} not counted (never as zero): see the reason against each.`,
  };

  const agreed = agreedPence(project, (id) => tracker.lineFigures(id)?.pence);
  explain.agreed_pence = `The part of the total on lines their partner signed off in a returned pack (${summary.total_pence ? ((100 * agreed) / summary.total_pence).toFixed(1) : '0.0'}%); the rest is Spendmap's estimate or a partner's correction not yet signed off.`;
  return {
    summary: { ...summary, agreed_pence: agreed },
    byTheme: [...themes].map(([theme, totalPence]) => ({ theme, totalPence })).sort((a, b) => b.totalPence - a.totalPence || compareText(a.theme, b.theme)),
    partners: summary.by_partner.map((bp) => {
      const p = partners.get(bp.partner) ?? { borough: 0, low: bp.total_pence, high: bp.total_pence };
      return {
        partner: bp.partner,
        type: types.get(bp.partner) ?? 'other',
        totalPence: bp.total_pence,
        boroughPence: p.borough,
        influenceablePence: bp.influenceable_pence,
        perHeadGbp: perHead(bp.total_pence, tracker.population),
        boroughPerHeadGbp: perHead(p.borough, boroughPopulation),
        lowPence: p.low,
        highPence: p.high,
      };
    }),
    explain,
    containing,
  };
}
