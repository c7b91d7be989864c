// The Neighbourhood sheet: a partner's figures per neighbourhood, or one neighbourhood's summary.
import { CONFIDENCE_LETTER } from '../../../../shared/domain/types';
import { cellRef, SHEETS } from '../layout';
import type { PackModel } from '../model';
import { S } from '../styles';
import { confidenceOf, fit, formula, perHeadCached, pounds, printSetup, put, tableHeader, text, type PackSpec, type Style, type Value, type Ws } from './cells';
import { RANGE, type Layout } from './positions';

/** Formulas for neighbourhood figures over the Allocation sheet's rows. */
class Figures {
  constructor(
    readonly layout: Layout,
    readonly model: PackModel,
  ) {}

  col(key: Parameters<typeof RANGE.alloc>[0]): string {
    return RANGE.alloc(key);
  }

  nb(j: number): string {
    return RANGE.nb(j);
  }

  /** Σ population over the neighbourhood's wards; #N/A when a ward has none. */
  population(j: number): string {
    if (!this.layout.populationRange()) return 'NA()';
    const pop = RANGE.population;
    return `IF(SUMPRODUCT(--(${pop}=""),${RANGE.flags(j)})>0,NA(),SUMPRODUCT(${pop},${RANGE.flags(j)}))`;
  }

  /** The borough's population (Proxies, its total row); #N/A when a ward has none. */
  boroughPopulation(): string {
    return this.layout.populationRange() ? RANGE.boroughPopulation : 'NA()';
  }

  /** Pounds per head to the penny, half up, on whole pence: ROUND(pence ÷ population) ÷ 100. */
  perHead(totalCell: string, populationCell: string): string {
    return `IF(ISNUMBER(${populationCell}),IF(${populationCell}>0,ROUND(ROUND(${totalCell}*100,0)/${populationCell},0)/100,""),"")`;
  }

  /** Σ pence × % ÷ 100, rounded once: in whole pence × (% × scale), so Excel adds integers exactly. */
  influence(j: number): string {
    return this.influenceOf(this.influenceSum(j));
  }

  /** Σ whole pence × whole (% × scale) of the lines `where` picks: the step before influence. */
  influenceSum(j: number, where = ''): string {
    return `SUMPRODUCT(${where}ROUND(${this.nb(j)}*100,0)*ROUND(${this.col('pct')}*${this.model.pctScale},0))`;
  }

  /** Influence-able pounds, to the penny, from that sum. */
  influenceOf(sum: string): string {
    return `ROUND(${sum}/${100 * this.model.pctScale},0)/100`;
  }
}

export function partnerFigures(model: PackModel, spec: PackSpec, index: number) {
  const d = model.neighbourhoods[index]!.detail;
  const p = d.partners.find((x) => x.partner === spec.subject);
  const mix = { green: 0, amber: 0, red: 0 };
  for (const l of spec.lines) {
    const f = l.neighbourhoods[index];
    if (f) mix[confidenceOf(l.line.confidence)] += f.pence;
  }
  return { d, p, mix };
}

export function writePartnerNeighbourhoods(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  put(ws, 1, 1, `${spec.subject} in the neighbourhood${spec.neighbourhoods.length === 1 ? '' : 's'}`, S.title);
  put(ws, 2, 1, 'Formulas over the Allocation sheet: change a line on Lines and these follow.', S.note);
  const F = new Figures(layout, model);
  const headers = [
    'Neighbourhood',
    'Wards',
    'Population',
    'In the neighbourhood (£)',
    'In the borough (£)',
    'Per head (£)',
    'Borough per head (£)',
    'Influence-able (£)',
    'Influence-able (% of its total)',
    'Green (£)',
    'Amber (£)',
    'Red (£)',
    'Lines not allocated',
  ];
  const HR = 4;
  tableHeader(ws, HR, headers, 2);
  if (!spec.neighbourhoods.length) put(ws, HR + 1, 1, 'The project has no neighbourhood yet: name one in Spendmap and export again.', S.note);
  const boroughPop = model.neighbourhoods[0]?.detail.summary.borough_population ?? null;
  const notAllocated = spec.lines.filter((l) => !l.amounts).length;
  spec.neighbourhoods.forEach(({ index, n: nb }, j) => {
    const r = HR + 1 + j;
    const { d, p, mix } = partnerFigures(model, spec, index);
    const cell = (c: number) => cellRef(c, r);
    put(ws, r, 1, nb.name, S.text);
    put(ws, r, 2, nb.wards.join(', '), S.text);
    put(ws, r, 3, formula(F.population(j), d.summary.population), S.count);
    put(ws, r, 4, formula(`SUM(${F.nb(j)})`, pounds(p?.totalPence ?? 0)), S.money);
    const moneyBlock = `${SHEETS.allocation}!${cellRef(layout.money, layout.firstRow, true, true)}:${cellRef(layout.money + layout.shown.length - 1, layout.lastRow, true, true)}`;
    put(ws, r, 5, formula(`SUM(${moneyBlock})`, pounds(p?.boroughPence ?? 0)), S.money);
    put(ws, r, 6, formula(F.perHead(cell(4), cell(3)), perHeadCached(p?.totalPence ?? 0, d.summary.population)), S.money);
    put(
      ws,
      r,
      7,
      formula(`IF(ISNUMBER(${F.boroughPopulation()}),ROUND(ROUND(${cell(5)}*100,0)/${F.boroughPopulation()},0)/100,"")`, perHeadCached(p?.boroughPence ?? 0, boroughPop)),
      S.money,
    );
    put(ws, r, 8, formula(F.influence(j), pounds(p?.influenceablePence ?? 0)), S.money);
    put(ws, r, 9, formula(`IF(${cell(4)}>0,${cell(8)}/${cell(4)},"")`, p && p.totalPence > 0 ? p.influenceablePence / p.totalPence : ''), S.percent);
    (['green', 'amber', 'red'] as const).forEach((c, k) =>
      put(ws, r, 10 + k, formula(`SUMIFS(${F.nb(j)},${F.col('confidence')},"${c}")`, pounds(mix[c])), S.money),
    );
    put(ws, r, 13, formula(`COUNTIF(${F.col('allocated')},0)`, notAllocated), S.count);
  });
  let r = HR + Math.max(1, spec.neighbourhoods.length) + 2;
  const unallocated = spec.lines.filter((l) => !l.amounts);
  put(ws, r++, 1, unallocated.length ? 'Lines not allocated (never counted as zero)' : 'Every line was allocated.', S.section);
  if (unallocated.length) {
    tableHeader(ws, r++, ['Ref', 'Reason'], 9);
    for (const l of unallocated) {
      put(ws, r, 1, l.line.ref, S.text);
      put(ws, r, 2, text(l.reason), S.text);
      r++;
    }
  }
  [22, 24, 12, 20, 20, 12, 12, 16, 14, 14, 14, 14, 11].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(1).width = fit([...spec.neighbourhoods.map((x) => x.n.name), 'Neighbourhood'], 14, 30);
  ws.getColumn(2).width = fit(spec.neighbourhoods.map((x) => x.n.wards.join(', ')), 12, 40);
  ws.getRow(HR).height = 45;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: HR, topLeftCell: cellRef(2, HR + 1), activeCell: 'A1' }];
  printSetup(ws, `${HR}:${HR}`);
}

export function writeNeighbourhoodSummary(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const { n: nb } = spec.neighbourhoods[0]!;
  const d = nb.detail;
  const s = d.summary;
  const F = new Figures(layout, model);
  put(ws, 1, 1, `Neighbourhood: ${nb.name}`, S.title);
  put(ws, 2, 1, 'Formulas over the Allocation sheet (sensitivity: Spendmap\'s figures for each line, added up here).', S.note);
  const HR = 4;
  tableHeader(ws, HR, ['Figure', 'Value', 'How it is worked out'], 1);
  let r = HR + 1;
  const rows = new Map<string, number>();
  const fig = (key: string, label: string, value: Value, style: Style, how: string | undefined) => {
    rows.set(key, r);
    put(ws, r, 1, label, S.label);
    put(ws, r, 2, value, style);
    put(ws, r, 3, text(how), S.textWrap);
    if (how) {
      ws.mergeCells(r, 3, r, 9);
      if (how.length > 120) ws.getRow(r).height = 30 * Math.ceil(how.length / 120) / 2;
    }
    r++;
  };
  const at = (key: string) => cellRef(2, rows.get(key)!);
  const wardNames = new Map(model.wards.map((w) => [w.code, w.name]));
  const green = s.confidence_pence.green;
  const amber = s.confidence_pence.amber;
  const red = s.confidence_pence.red;
  fig('name', 'Neighbourhood', nb.name, S.text, undefined);
  fig('wards', 'Wards', nb.wards.map((c) => `${wardNames.get(c) ?? c} (${c})`).join(', '), S.textWrap, 'Which wards: Proxies, the neighbourhood\'s column.');
  fig('population', 'Population', formula(F.population(0), s.population), S.count, 'Σ population of its wards (Proxies).');
  fig('boroughPopulation', 'Borough population', formula(F.boroughPopulation(), s.borough_population), S.count, 'Σ population of all the borough\'s wards.');
  fig('total', 'Total (£)', formula(`SUM(${F.nb(0)})`, pounds(s.total_pence)), S.moneyBold, d.explain.total_pence);
  fig('boroughTotal', 'Borough total of allocated lines (£)', formula(`SUMPRODUCT(${F.col('allocated')},${F.col('amount')})`, pounds(s.borough_total_pence)), S.money, 'Σ of the amounts of the lines allocated to wards.');
  fig('perHead', 'Per head (£)', formula(F.perHead(at('total'), at('population')), perHeadCached(s.total_pence, s.population)), S.money, d.explain.per_head_gbp);
  fig(
    'boroughPerHead',
    'Borough per head (£)',
    formula(F.perHead(at('boroughTotal'), at('boroughPopulation')), perHeadCached(s.borough_total_pence, s.borough_population)),
    S.money,
    d.explain.borough_per_head_gbp,
  );
  fig('influence', 'Influence-able (£)', formula(F.influence(0), pounds(s.influenceable_pence)), S.money, d.explain.influenceable_pence);
  fig('influencePct', 'Influence-able (% of total)', formula(`IF(${at('total')}>0,${at('influence')}/${at('total')},"")`, s.total_pence > 0 ? s.influenceable_pence / s.total_pence : ''), S.percent, undefined);
  for (const [c, v] of [['green', green], ['amber', amber], ['red', red]] as const)
    fig(c, `${c[0]!.toUpperCase()}${c.slice(1)} (${CONFIDENCE_LETTER[c]}) (£)`, formula(`SUMIFS(${F.nb(0)},${F.col('confidence')},"${c}")`, pounds(v)), S.ragMoney[c], c === 'green' ? d.explain.confidence_pence : undefined);
  fig('low', 'Sensitivity low (£)', formula(`SUM(${RANGE.low})`, pounds(s.sensitivity.low_pence)), S.money, d.explain.sensitivity);
  fig('high', 'Sensitivity high (£)', formula(`SUM(${RANGE.high})`, pounds(s.sensitivity.high_pence)), S.money, undefined);
  fig('unallocated', 'Lines not allocated', formula(`COUNTIF(${F.col('allocated')},0)`, s.unallocated.length), S.count, d.explain.unallocated);
  fig('focus', '80:20 focus lines', s.focus_refs.length ? `${s.focus_refs.length}: ${s.focus_refs.join(', ')}` : 'none', S.textWrap, d.explain.focus_refs);

  r += 1;
  put(ws, r++, 1, 'By partner', S.section);
  // The last column is influence-able's first step, so each formula stays short enough to read.
  const scale = model.pctScale;
  tableHeader(
    ws,
    r++,
    ['Partner', 'Type', 'Total (£)', 'Borough total (£)', 'Influence-able (£)', 'Per head (£)', 'Borough per head (£)', 'Sensitivity low (£)', 'Sensitivity high (£)', `Σ pence × % × ${scale}`],
    2,
  );
  const partnerCol = F.col('partner');
  for (const p of d.partners) {
    const c = (k: number) => cellRef(k, r);
    const where = `(${partnerCol}=$A${r})*`;
    put(ws, r, 1, p.partner, S.text);
    put(ws, r, 2, p.type, S.text);
    put(ws, r, 3, formula(`SUMPRODUCT(${where}${F.nb(0)})`, pounds(p.totalPence)), S.money);
    put(ws, r, 4, formula(`SUMPRODUCT(${where}${F.col('allocated')}*(${F.col('amount')}+${F.col('difference')}))`, pounds(p.boroughPence)), S.money);
    let sum = 0;
    for (const x of spec.lines) if (x.line.partner === p.partner) sum += (x.neighbourhoods[spec.neighbourhoods[0]!.index]?.pence ?? 0) * Math.round(x.line.discretionaryPct * scale);
    put(ws, r, 10, formula(F.influenceSum(0, where), sum), S.count);
    put(ws, r, 5, formula(F.influenceOf(c(10)), pounds(p.influenceablePence)), S.money);
    put(ws, r, 6, formula(F.perHead(c(3), `$B$${rows.get('population')}`), perHeadCached(p.totalPence, s.population)), S.money);
    put(ws, r, 7, formula(F.perHead(c(4), `$B$${rows.get('boroughPopulation')}`), perHeadCached(p.boroughPence, s.borough_population)), S.money);
    put(ws, r, 8, formula(`SUMPRODUCT(${where}${RANGE.low})`, pounds(p.lowPence)), S.money);
    put(ws, r, 9, formula(`SUMPRODUCT(${where}${RANGE.high})`, pounds(p.highPence)), S.money);
    r++;
  }
  if (!d.partners.length) put(ws, r++, 1, 'No line is allocated yet.', S.note);

  r += 1;
  put(ws, r++, 1, 'By theme (a line with several themes counts in each)', S.section);
  tableHeader(ws, r++, ['Theme', 'Total (£)'], 1);
  const themes = F.col('themes');
  for (const t of d.byTheme) {
    const f =
      t.theme === '(no theme)'
        ? `SUMPRODUCT((${themes}="")*${F.nb(0)})`
        : `SUMPRODUCT(ISNUMBER(FIND("; "&$A${r}&";","; "&${themes}&";"))*${F.nb(0)})`;
    put(ws, r, 1, t.theme, S.text);
    put(ws, r, 2, formula(f, pounds(t.totalPence)), S.money);
    r++;
  }

  r += 1;
  put(ws, r++, 1, s.unallocated.length ? 'Lines not allocated (never counted as zero)' : 'Every line was allocated.', S.section);
  if (s.unallocated.length) {
    tableHeader(ws, r++, ['Ref', 'Reason'], 9);
    for (const u of s.unallocated) {
      put(ws, r, 1, u.ref, S.text);
      put(ws, r, 2, u.reason, S.text);
      r++;
    }
  }
  ws.getColumn(1).width = fit([...d.partners.map((p) => p.partner), ...d.byTheme.map((t) => t.theme), 'Borough total of allocated lines (£)'], 20, 45);
  ws.getColumn(2).width = 20;
  for (let c = 3; c <= 10; c++) ws.getColumn(c).width = 18;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HR, topLeftCell: cellRef(1, HR + 1), activeCell: 'A1' }];
  printSetup(ws, `${HR}:${HR}`);
}
