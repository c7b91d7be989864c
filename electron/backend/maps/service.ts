// Ward maps: a measure's figure per ward of the project, worked out by the same engine
// the rest of the app uses (allocation totals, neighbourhood arithmetic, proxy values),
// and the project's ward shapes to draw them on.
import type { MapQuery, MapWard, WardMap } from '../../../shared/contract/maps';
import { AppError } from '../../../shared/contract/result';
import { perHead } from '../../../shared/engine';
import { decimalPct, InfluenceSum } from '../../../shared/engine/influence';
import { classBreaks, classColours, classOf, legendLabels } from '../../../shared/map/breaks';
import { formatBreak, MEASURE_HELP, measureText, measureUnit, parseMeasure, type Measure } from '../../../shared/map/measure';
import type { Project } from '../project/project';
import { allocationOf } from '../mapping/allocation';
import { findNeighbourhood } from '../neighbourhoods/service';
import { proxyValues, wardList } from '../proxies/service';
import { withWhatIf } from '../workshop/service';
import { projectShapes } from './shapes';

interface WardFigures {
  value: (number | null)[];
  pence: (number | null)[];
}

function lineFilter(project: Project, q: MapQuery): (l: { partner: string; themes?: readonly string[] }) => boolean {
  const allocation = allocationOf(project);
  const lines = [...allocation.lines()];
  if (q.partner !== undefined) {
    const want = q.partner.trim().toLowerCase();
    if (!lines.some((e) => e.line.partner.toLowerCase() === want)) {
      const names = [...new Set(lines.map((e) => e.line.partner))].sort();
      throw new AppError('NOT_FOUND', `There is no partner "${q.partner}" with lines in this project.${names.length ? ` It has: ${names.join(', ')}.` : ''}`);
    }
  }
  if (q.theme !== undefined) {
    const want = q.theme.trim().toLowerCase();
    if (!lines.some((e) => e.line.themes?.some((t) => t.toLowerCase() === want)))
      throw new AppError('NOT_FOUND', `No line of this project has the theme "${q.theme}".`);
  }
  const partner = q.partner?.trim().toLowerCase();
  const theme = q.theme?.trim().toLowerCase();
  return (l) =>
    (partner === undefined || l.partner.toLowerCase() === partner) && (theme === undefined || (l.themes ?? []).some((t) => t.toLowerCase() === theme));
}

/** Σ pence per ward (and Σ pence × discretionary % for influence-able) over the lines kept, then per head like a one-ward neighbourhood. */
function spendPerHead(project: Project, q: MapQuery, influenceable: boolean): WardFigures {
  const allocation = allocationOf(project);
  const borough = allocation.borough;
  const n = borough.size;
  const keep = lineFilter(project, q);
  let pence: number[];
  if (!influenceable && q.partner === undefined && q.theme === undefined) pence = [...allocation.wardTotals()];
  else {
    const sums = influenceable ? Array.from({ length: n }, () => new InfluenceSum()) : null;
    pence = new Array<number>(n).fill(0);
    for (const e of allocation.lines()) {
      if (!e.result.ok || !keep(e.line)) continue;
      const amounts = e.result.amounts;
      const pct = decimalPct(e.line.discretionaryPct);
      for (let w = 0; w < n; w++) {
        const a = amounts[w]!;
        if (sums) sums[w]!.add(a, pct);
        else pence[w]! += a;
      }
    }
    if (sums) pence = sums.map((s) => s.pence());
  }
  return { pence, value: pence.map((p, w) => perHead(p, borough.population([w]))) };
}

function lineSplit(project: Project, ref: string): WardFigures {
  const allocation = allocationOf(project);
  const want = ref.trim().toLowerCase();
  const e = [...allocation.lines()].find((x) => x.line.ref.toLowerCase() === want);
  if (!e) throw new AppError('NOT_FOUND', `There is no line "${ref}" in this project.`);
  if (!e.result.ok) throw new AppError('INPUT', `Line ${e.line.ref} is not allocated, so it has no ward split: ${e.result.reason}`);
  const pence = Array.from(e.result.amounts);
  return { pence, value: pence };
}

function proxyFigures(project: Project, name: string): WardFigures & { label: string } {
  const proxy = project.proxies().find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  if (!proxy)
    throw new AppError('NOT_FOUND', `There is no proxy "${name}" in this project. It has: ${project.proxies().map((p) => p.name).join(', ')}.`);
  const byWard = proxyValues(project).get(proxy.name)!;
  return { label: proxy.label || proxy.name, pence: project.wards().map(() => null), value: project.wards().map((w) => byWard.get(w.code) ?? null) };
}

function titleOf(m: Measure, q: MapQuery, proxyLabel: string | null): string {
  const whose = q.partner ? `, ${q.partner.trim()}` : q.theme ? `, theme ${q.theme.trim()}` : ', all partners';
  if (m.kind === 'per_head') return `Spend per head by ward${whose}`;
  if (m.kind === 'influenceable_per_head') return `Influence-able spend per head by ward${whose}`;
  if (m.kind === 'proxy') return `${proxyLabel} by ward`;
  return `Line ${m.ref}: its split by ward`;
}

export function wardMap(project: Project, q: MapQuery): WardMap {
  const m = parseMeasure(q.measure);
  if (!m) throw new AppError('INPUT', `"${q.measure}" is not a map measure. Use ${MEASURE_HELP}.`);
  if ((q.partner !== undefined || q.theme !== undefined) && m.kind !== 'per_head' && m.kind !== 'influenceable_per_head')
    throw new AppError('INPUT', 'A partner or theme applies to per_head and influenceable_per_head maps only.');
  const n = q.neighbourhood !== undefined ? findNeighbourhood(project, q.neighbourhood) : null;
  const inside = new Set(n?.wards ?? []);
  let proxyLabel: string | null = null;
  const { value: figures, problems } = withWhatIf(project, q.whatIf, (): WardFigures => {
    if (m.kind === 'per_head' || m.kind === 'influenceable_per_head') return spendPerHead(project, q, m.kind === 'influenceable_per_head');
    if (m.kind === 'line') return lineSplit(project, m.ref);
    const p = proxyFigures(project, m.name);
    proxyLabel = p.label;
    return p;
  });
  const unit = measureUnit(m);
  const breaks = classBreaks(figures.value);
  const list = wardList(project);
  const wards: MapWard[] = list.map((w, i) => {
    const value = figures.value[i] ?? null;
    return {
      code: w.code,
      name: w.name,
      value,
      pence: figures.pence[i] ?? null,
      population: w.population,
      inNeighbourhood: inside.has(w.code),
      class: classOf(value, breaks),
    };
  });
  const shapes = projectShapes(project);
  return {
    measure: measureText(m),
    unit,
    title: titleOf(m, q, proxyLabel),
    wards,
    breaks,
    colours: [...classColours(breaks.length + 1)],
    legend: legendLabels(breaks, (x) => formatBreak(x, unit)),
    neighbourhood: n ? { name: n.name, wards: n.wards } : null,
    shapes: q.withShapes === false ? null : shapes.geojson,
    attribution: shapes.attribution,
    problems,
  };
}
