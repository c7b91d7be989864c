// The business-case workbook (issue 17): one proposal on one sheet, every year and every
// figure a live formula (Excel 2007 functions only) over the proposal's own inputs, with
// cached results so it reads right before any recalculation. The rounded figures equal
// `cba --json` (test/cba/workbook-recalc.test.ts recalculates it in LibreOffice).
// Text is always a text cell: a description typed as "=HYPERLINK(...)" stays text.
import type ExcelJS from 'exceljs';
import type { Proposal } from '../../../shared/domain/proposal';
import type { CbaEvaluation } from '../../../shared/engine/cba';

type Style = Partial<ExcelJS.Style>;

export interface WorkbookInputs {
  proposal: Proposal;
  evaluation: CbaEvaluation;
  /** Per outcome: the unit cost in pounds and its price year (from the database when coded). */
  unitCosts: { gbp: number; priceYear: string }[];
  /** Per draws_on entry: the line's neighbourhood amount in pence. */
  drawnPence: number[];
  projectName: string;
  version: string;
}

const TEXT = '@';
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const S = {
  title: { numFmt: TEXT, font: { bold: true, size: 14, color: { argb: 'FF1F3864' } } } as Style,
  section: { numFmt: TEXT, font: { bold: true, size: 12, color: { argb: 'FF1F3864' } } } as Style,
  note: { numFmt: TEXT, font: { italic: true, color: { argb: 'FF595959' } } } as Style,
  header: { numFmt: TEXT, font: { bold: true }, fill: solid('FFDDEBF7'), alignment: { wrapText: true, vertical: 'top' } } as Style,
  text: { numFmt: TEXT } as Style,
  input: { numFmt: '#,##0.00', fill: solid('FFFFF2CC') } as Style,
  inputPct: { numFmt: '0.######', fill: solid('FFFFF2CC') } as Style,
  inputText: { numFmt: TEXT, fill: solid('FFFFF2CC') } as Style,
  number: { numFmt: '#,##0.######' } as Style,
  pence: { numFmt: '#,##0;[Red]-#,##0' } as Style,
  exact: { numFmt: '#,##0.0000;[Red]-#,##0.0000' } as Style,
  ratio: { numFmt: '0.0000' } as Style,
  result: { numFmt: '#,##0;[Red]-#,##0', font: { bold: true } } as Style,
};

/** Column letters: 1 → A, 27 → AA. */
export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The first year's column on every block: inputs sit to its left. */
export const YEAR_COL = 14;
/** Where `cba --json`'s figures are on the sheet, for the recalculation test and readers. */
export interface WorkbookMap {
  sheet: string;
  /** Figure name → the cell of its rounded value, e.g. npv_pence → "C52". */
  figures: Record<string, string>;
  /** Per year: cells of costs_pence and benefits_pence (rounded). */
  years: { costs: string; benefits: string }[];
  /** Per partner (in by_partner order): cells of the four rounded figures. */
  partners: { partner: string; pv_costs_pence: string; pv_benefits_pence: string; pv_cashable_pence: string; net_pence: string }[];
}

const f = (formula: string, result: number | string): ExcelJS.CellFormulaValue => ({ formula, result }) as ExcelJS.CellFormulaValue;

/** `Excel` is exceljs, loaded on first use (packs/export.ts loadExcel), not when a command starts. */
export function businessCaseWorkbook(Excel: typeof ExcelJS, inp: WorkbookInputs): { workbook: ExcelJS.Workbook; map: WorkbookMap } {
  const { proposal: p, evaluation } = inp;
  const wb = new Excel.Workbook();
  wb.creator = `Spendmap ${inp.version}`;
  wb.calcProperties = { fullCalcOnLoad: true };
  const ws = wb.addWorksheet('Business case', { views: [{ state: 'frozen', xSplit: 1, ySplit: 0 }] });
  const T = p.years;
  const yc = (t: number) => col(YEAR_COL + t);
  const lastYc = yc(T - 1);
  let r = 1;

  const put = (row: number, c: number, value: ExcelJS.CellValue, style: Style) => {
    const cell = ws.getCell(row, c);
    cell.value = value;
    cell.style = style;
  };
  const text = (row: number, c: number, value: string, style: Style = S.text) => put(row, c, value === '' ? null : value, style);

  text(r++, 1, `Business case: ${p.name}`, S.title);
  text(r++, 1, `Neighbourhood ${p.neighbourhood} in the project "${inp.projectName}". Made by Spendmap ${inp.version}. Yellow cells are inputs: change one and every figure follows.`, S.note);
  for (const n of evaluation.notes) text(r++, 1, n, S.note);
  text(r++, 1, 'Money in pence unless a column says pounds. Each reported figure is rounded half up once, from the unrounded figure beside it (docs/method.md, Business case).', S.note);
  r++;

  // Parameters and the year header.
  const rateRow = r++;
  text(rateRow, 1, 'Discount rate (a year)', S.header);
  put(rateRow, 2, p.discount_rate, S.inputPct);
  const startRow = r++;
  text(startRow, 1, 'Start year (year 0, the price base)', S.header);
  text(startRow, 2, p.start_year, S.inputText);
  r++;
  const yearRow = r++;
  text(yearRow, 1, 'Year', S.header);
  const dfRow = r++;
  text(dfRow, 1, 'Discount factor 1 ÷ (1 + rate)^year', S.header);
  const df: number[] = [];
  for (let t = 0; t < T; t++) {
    put(yearRow, YEAR_COL + t, t, S.header);
    df.push(1 / (1 + p.discount_rate) ** t);
    put(dfRow, YEAR_COL + t, f(`1/(1+$B$${rateRow})^${yc(t)}$${yearRow}`, df[t]!), S.number);
  }
  r++;

  // Costs: pounds by year (inputs), optimism bias, and the factors of the three scenarios.
  text(r++, 1, 'Costs', S.section);
  const costHead = r++;
  ['Partner', 'Kind', 'Description', 'Optimism bias %', 'Factor (1 + bias)', 'Factor at 0', 'Factor doubled', 'PV (pence)', 'PV at 0', 'PV doubled'].forEach((h, i) => text(costHead, i + 1, h, S.header));
  text(costHead, YEAR_COL - 1, 'Pounds by year →', S.header);
  const costRows: number[] = [];
  const costPv: { central: number; zero: number; double: number }[] = [];
  for (const c of p.costs) {
    const row = r++;
    costRows.push(row);
    text(row, 1, c.partner, S.inputText);
    text(row, 2, c.kind, S.inputText);
    text(row, 3, c.description, S.inputText);
    put(row, 4, c.optimism_bias_pct, S.inputPct);
    const fac = { central: 1 + c.optimism_bias_pct / 100, zero: 1, double: 1 + (2 * c.optimism_bias_pct) / 100 };
    put(row, 5, f(`1+D${row}/100`, fac.central), S.number);
    put(row, 6, 1, S.number);
    put(row, 7, f(`1+2*D${row}/100`, fac.double), S.number);
    c.gbp_by_year.forEach((g, t) => put(row, YEAR_COL + t, g, S.input));
    const base = c.gbp_by_year.reduce((s, g, t) => s + g * df[t]!, 0) * 100;
    const pv = { central: base * fac.central, zero: base, double: base * fac.double };
    costPv.push(pv);
    const sp = `SUMPRODUCT(${yc(0)}${row}:${lastYc}${row},$${yc(0)}$${dfRow}:$${lastYc}$${dfRow})*100`;
    put(row, 8, f(`${sp}*E${row}`, pv.central), S.exact);
    put(row, 9, f(`${sp}*F${row}`, pv.zero), S.exact);
    put(row, 10, f(`${sp}*G${row}`, pv.double), S.exact);
  }
  if (!costRows.length) text(r++, 1, 'No costs.', S.note);
  r++;

  // Outcomes: unit value, value per cohort member in each scenario, cohort by year.
  text(r++, 1, 'Outcomes', S.section);
  const outHead = r++;
  [
    'Description', 'Unit cost code', 'Unit cost (pounds)', 'Price year', 'Index at price year', 'Index at start year', 'Value type',
    'Success %', 'Deadweight %', 'Optimism bias %', 'Cashable %', 'Unit value v (pence)',
  ].forEach((h, i) => text(outHead, i + 1, h, S.header));
  text(outHead, YEAR_COL - 1, 'Cohort by year →', S.header);
  const extra = YEAR_COL + T;
  ['Benefit per member (pence)', 'at 0', 'doubled', 'PV (pence)', 'PV at 0', 'PV doubled'].forEach((h, i) => text(outHead, extra + i, h, S.header));
  const outRows: number[] = [];
  const outPv: { central: number; zero: number; double: number }[] = [];
  const benefitByType: Record<string, number[]> = { fiscal: new Array(T).fill(0), economic: new Array(T).fill(0), social: new Array(T).fill(0) };
  p.outcomes.forEach((o, i) => {
    const row = r++;
    outRows.push(row);
    const u = inp.unitCosts[i]!;
    const idxAt = p.price_index ? p.price_index[u.priceYear]! : 1;
    const idxStart = p.price_index ? p.price_index[p.start_year]! : 1;
    text(row, 1, o.description, S.inputText);
    text(row, 2, o.unit_cost_code ?? '', S.text);
    put(row, 3, u.gbp, S.input);
    text(row, 4, u.priceYear, S.text);
    put(row, 5, idxAt, S.inputPct);
    put(row, 6, idxStart, S.inputPct);
    text(row, 7, o.value_type, S.inputText);
    put(row, 8, o.success_rate_pct, S.inputPct);
    put(row, 9, o.deadweight_pct, S.inputPct);
    put(row, 10, o.optimism_bias_pct, S.inputPct);
    put(row, 11, o.cashable_pct, S.inputPct);
    const v = ((u.gbp * 100 * idxStart) / idxAt);
    put(row, 12, f(`C${row}*100*F${row}/E${row}`, v), S.exact);
    o.cohort_by_year.forEach((c, t) => put(row, YEAR_COL + t, c, S.inputPct));
    const k = {
      central: ((v * o.success_rate_pct) / 100) * (1 - o.deadweight_pct / 100) * (1 - o.optimism_bias_pct / 100),
      zero: (v * o.success_rate_pct) / 100,
      double: ((v * o.success_rate_pct) / 100) * (1 - Math.min(100, 2 * o.deadweight_pct) / 100) * (1 - Math.min(100, 2 * o.optimism_bias_pct) / 100),
    };
    const kc = (j: number) => `${col(extra + j)}${row}`;
    put(row, extra, f(`L${row}*H${row}/100*(1-I${row}/100)*(1-J${row}/100)`, k.central), S.exact);
    put(row, extra + 1, f(`L${row}*H${row}/100`, k.zero), S.exact);
    put(row, extra + 2, f(`L${row}*H${row}/100*(1-MIN(100,2*I${row})/100)*(1-MIN(100,2*J${row})/100)`, k.double), S.exact);
    const disc = o.cohort_by_year.reduce((s, c, t) => s + c * df[t]!, 0);
    const pv = { central: disc * k.central, zero: disc * k.zero, double: disc * k.double };
    outPv.push(pv);
    const sp = `SUMPRODUCT(${yc(0)}${row}:${lastYc}${row},$${yc(0)}$${dfRow}:$${lastYc}$${dfRow})`;
    put(row, extra + 3, f(`${sp}*${kc(0)}`, pv.central), S.exact);
    put(row, extra + 4, f(`${sp}*${kc(1)}`, pv.zero), S.exact);
    put(row, extra + 5, f(`${sp}*${kc(2)}`, pv.double), S.exact);
    o.cohort_by_year.forEach((c, t) => (benefitByType[o.value_type]![t]! += c * k.central));
  });
  if (!outRows.length) text(r++, 1, 'No outcomes.', S.note);
  r++;

  // Who receives each outcome's benefit.
  text(r++, 1, 'Who benefits', S.section);
  const shareHead = r++;
  ['Outcome (row)', 'Partner', 'Share %', 'PV received (pence)', 'of which cashable'].forEach((h, i) => text(shareHead, i + 1, h, S.header));
  const shareRows: { row: number; partner: string; received: number; cashable: number }[] = [];
  p.outcomes.forEach((o, i) => {
    for (const b of o.benefit_to) {
      const row = r++;
      const orow = outRows[i]!;
      put(row, 1, orow, S.text);
      text(row, 2, b.partner, S.inputText);
      put(row, 3, b.share_pct, S.inputPct);
      const received = (outPv[i]!.central * b.share_pct) / 100;
      const cashable = (received * o.cashable_pct) / 100;
      put(row, 4, f(`INDEX($${col(extra + 3)}:$${col(extra + 3)},A${row})*C${row}/100`, received), S.exact);
      put(row, 5, f(`D${row}*INDEX($K:$K,A${row})/100`, cashable), S.exact);
      shareRows.push({ row, partner: b.partner, received, cashable });
    }
  });
  r++;

  // Baseline drawn on: existing spend pooled or redirected into the proposal.
  text(r++, 1, 'Baseline drawn on (the neighbourhood amount of each line)', S.section);
  const drawHead = r++;
  ['Line ref', 'Neighbourhood amount (pence)', 'Share %', 'Drawn (pence)'].forEach((h, i) => text(drawHead, i + 1, h, S.header));
  const drawRows: number[] = [];
  let drawnSum = 0;
  p.draws_on.forEach((d, i) => {
    const row = r++;
    drawRows.push(row);
    text(row, 1, d.ref, S.text);
    put(row, 2, inp.drawnPence[i]!, S.pence);
    put(row, 3, d.share_pct, S.inputPct);
    const drawn = (inp.drawnPence[i]! * d.share_pct) / 100;
    drawnSum += drawn;
    put(row, 4, f(`B${row}*C${row}/100`, drawn), S.exact);
  });
  if (!drawRows.length) text(r++, 1, 'None.', S.note);
  r++;

  // Year by year.
  text(r++, 1, 'Year by year', S.section);
  const yrs = { costs: r++, fiscal: r++, economic: r++, social: r++, benefits: r++, net: r++, cumulative: r++, paid: r++, costsRounded: r++, benefitsRounded: r++ };
  const labels: Record<keyof typeof yrs, string> = {
    costs: 'Costs with optimism bias (pence)',
    fiscal: 'Fiscal benefits (pence)',
    economic: 'Economic benefits (pence)',
    social: 'Social benefits (pence)',
    benefits: 'All benefits (pence)',
    net: 'Discounted benefits − costs',
    cumulative: 'Cumulative discounted',
    paid: 'Paid back (1 = yes)',
    costsRounded: 'Costs, rounded (pence)',
    benefitsRounded: 'Benefits, rounded (pence)',
  };
  for (const [k, row] of Object.entries(yrs)) text(row, 1, labels[k as keyof typeof yrs], S.header);
  const typeCol = `$G$${outRows[0] ?? 1}:$G$${outRows[outRows.length - 1] ?? 1}`;
  const kCol = `$${col(extra)}$${outRows[0] ?? 1}:$${col(extra)}$${outRows[outRows.length - 1] ?? 1}`;
  let cum = 0;
  let paidCount = 0;
  const yearsMap: WorkbookMap['years'] = [];
  for (let t = 0; t < T; t++) {
    const c = yc(t);
    const costT = p.costs.reduce((s, k) => s + k.gbp_by_year[t]! * 100 * (1 + k.optimism_bias_pct / 100), 0);
    put(yrs.costs, YEAR_COL + t, f(costRows.length ? `SUMPRODUCT(${c}${costRows[0]}:${c}${costRows[costRows.length - 1]},$E$${costRows[0]}:$E$${costRows[costRows.length - 1]})*100` : '0', costT), S.exact);
    for (const type of ['fiscal', 'economic', 'social'] as const) {
      const range = `${c}${outRows[0] ?? 1}:${c}${outRows[outRows.length - 1] ?? 1}`;
      put(yrs[type], YEAR_COL + t, f(outRows.length ? `SUMPRODUCT((${typeCol}="${type}")*${range}*${kCol})` : '0', benefitByType[type]![t]!), S.exact);
    }
    const b = benefitByType.fiscal![t]! + benefitByType.economic![t]! + benefitByType.social![t]!;
    put(yrs.benefits, YEAR_COL + t, f(`${c}${yrs.fiscal}+${c}${yrs.economic}+${c}${yrs.social}`, b), S.exact);
    const net = (b - costT) * df[t]!;
    put(yrs.net, YEAR_COL + t, f(`(${c}${yrs.benefits}-${c}${yrs.costs})*${c}$${dfRow}`, net), S.exact);
    cum += net;
    put(yrs.cumulative, YEAR_COL + t, f(t === 0 ? `${c}${yrs.net}` : `${yc(t - 1)}${yrs.cumulative}+${c}${yrs.net}`, cum), S.exact);
    if (cum >= 0) paidCount++;
    put(yrs.paid, YEAR_COL + t, f(`IF(${c}${yrs.cumulative}>=0,1,0)`, cum >= 0 ? 1 : 0), S.number);
    const y = evaluation.figures.years[t]!;
    put(yrs.costsRounded, YEAR_COL + t, f(`ROUND(${c}${yrs.costs},0)`, y.costs_pence), S.pence);
    put(yrs.benefitsRounded, YEAR_COL + t, f(`ROUND(${c}${yrs.benefits},0)`, y.benefits_pence), S.pence);
    yearsMap.push({ costs: `${c}${yrs.costsRounded}`, benefits: `${c}${yrs.benefitsRounded}` });
  }
  r++;

  // Results: the unrounded figure (B) and the reported one (C).
  const fig = evaluation.figures;
  text(r++, 1, 'Results', S.section);
  const resHead = r++;
  ['Figure', 'Unrounded', 'Reported'].forEach((h, i) => text(resHead, i + 1, h, S.header));
  const figures: Record<string, string> = {};
  const sumCol = (letter: string, rows: number[]) => (rows.length ? `SUM(${letter}${rows[0]}:${letter}${rows[rows.length - 1]})` : '0');
  const dfRange = `${yc(0)}${dfRow}:${lastYc}${dfRow}`;
  const pvOf = (row: number) => `SUMPRODUCT(${yc(0)}${row}:${lastYc}${row},${dfRange})`;
  const pvCosts = costPv.reduce((s, x) => s + x.central, 0);
  const pvType = Object.fromEntries((['fiscal', 'economic', 'social'] as const).map((t) => [t, benefitByType[t]!.reduce((s, x, i) => s + x * df[i]!, 0)])) as Record<string, number>;
  const pvB = pvType.fiscal! + pvType.economic! + pvType.social!;
  const res = (name: string, label: string, formula: string, value: number, reportedFormula: (b: string) => string, reported: number | string, style: Style = S.result) => {
    const row = r++;
    text(row, 1, label, S.header);
    put(row, 2, f(formula, value), S.exact);
    put(row, 3, f(reportedFormula(`B${row}`), reported), style);
    figures[name] = `C${row}`;
    return row;
  };
  const roundIt = (b: string) => `ROUND(${b},0)`;
  const pcRow = res('pv_costs_pence', 'PV costs', pvOf(yrs.costs), pvCosts, roundIt, fig.pv_costs_pence);
  const pbRow = res('pv_benefits_pence.total', 'PV benefits, all', pvOf(yrs.benefits), pvB, roundIt, fig.pv_benefits_pence.total);
  const pfRow = res('pv_benefits_pence.fiscal', 'PV benefits, fiscal', pvOf(yrs.fiscal), pvType.fiscal!, roundIt, fig.pv_benefits_pence.fiscal);
  res('pv_benefits_pence.economic', 'PV benefits, economic', pvOf(yrs.economic), pvType.economic!, roundIt, fig.pv_benefits_pence.economic);
  res('pv_benefits_pence.social', 'PV benefits, social', pvOf(yrs.social), pvType.social!, roundIt, fig.pv_benefits_pence.social);
  const npvRow = res('npv_pence', 'NPV (benefits − costs)', `B${pbRow}-B${pcRow}`, pvB - pvCosts, roundIt, fig.npv_pence);
  const ratioF = (b: string) => `IF(B${pcRow}=0,"",ROUND(${b},4))`;
  res('bcr_fiscal', 'BCR, fiscal', `IF(B${pcRow}=0,0,B${pfRow}/B${pcRow})`, pvCosts === 0 ? 0 : pvType.fiscal! / pvCosts, ratioF, fig.bcr_fiscal ?? '', S.ratio);
  res('bcr_all', 'BCR, all benefits', `IF(B${pcRow}=0,0,B${pbRow}/B${pcRow})`, pvCosts === 0 ? 0 : pvB / pvCosts, ratioF, fig.bcr_all ?? '', S.ratio);
  res('roi', 'ROI (NPV ÷ PV costs)', `IF(B${pcRow}=0,0,B${npvRow}/B${pcRow})`, pvCosts === 0 ? 0 : (pvB - pvCosts) / pvCosts, ratioF, fig.roi ?? '', S.ratio);
  const paidRange = `${yc(0)}${yrs.paid}:${lastYc}${yrs.paid}`;
  res('payback_year', 'Payback year (first year cumulative ≥ 0)', `SUM(${paidRange})`, paidCount, (b) => `IF(${b}=0,"none",MATCH(1,${paidRange},0)-1)`, fig.payback_year ?? 'none', S.result);
  res('baseline_drawn_pence', 'Baseline drawn on', sumCol('D', drawRows), drawnSum, roundIt, fig.baseline_drawn_pence);
  res(
    'sensitivity.low_npv_pence',
    'NPV with optimism bias and deadweight doubled (≤ 100%)',
    `${sumCol(col(extra + 5), outRows)}-${sumCol('J', costRows)}`,
    outPv.reduce((s, x) => s + x.double, 0) - costPv.reduce((s, x) => s + x.double, 0),
    roundIt,
    fig.sensitivity.low_npv_pence,
  );
  res(
    'sensitivity.high_npv_pence',
    'NPV with optimism bias and deadweight at 0',
    `${sumCol(col(extra + 4), outRows)}-${sumCol('I', costRows)}`,
    outPv.reduce((s, x) => s + x.zero, 0) - costPv.reduce((s, x) => s + x.zero, 0),
    roundIt,
    fig.sensitivity.high_npv_pence,
  );
  r++;

  // Who pays, who benefits.
  text(r++, 1, 'Who pays, who benefits (present values)', S.section);
  const partHead = r++;
  ['Partner', 'PV costs paid', 'PV benefits received', 'of which cashable', 'Net', 'PV costs (pence)', 'PV benefits (pence)', 'Cashable (pence)', 'Net (pence)'].forEach((h, i) =>
    text(partHead, i + 1, h, S.header),
  );
  const costPartner = costRows.length ? `$A$${costRows[0]}:$A$${costRows[costRows.length - 1]}` : null;
  const costPvCol = costRows.length ? `$H$${costRows[0]}:$H$${costRows[costRows.length - 1]}` : null;
  const sharePartner = shareRows.length ? `$B$${shareRows[0]!.row}:$B$${shareRows[shareRows.length - 1]!.row}` : null;
  const shareCol = (l: string) => `$${l}$${shareRows[0]!.row}:$${l}$${shareRows[shareRows.length - 1]!.row}`;
  const partners: WorkbookMap['partners'] = [];
  for (const bp of fig.by_partner) {
    const row = r++;
    const key = bp.partner.toLowerCase();
    text(row, 1, bp.partner, S.text);
    const c = p.costs.reduce((s, k, j) => s + (k.partner.toLowerCase() === key ? costPv[j]!.central : 0), 0);
    const b = shareRows.reduce((s, x) => s + (x.partner.toLowerCase() === key ? x.received : 0), 0);
    const cash = shareRows.reduce((s, x) => s + (x.partner.toLowerCase() === key ? x.cashable : 0), 0);
    // Plain "=" comparison, not SUMIF: a name like "=1+2" or "A*" would be read as a
    // criterion there. "=" ignores case, as the engine groups partners.
    const match = (range: string | null, values: string | null) => (range ? `SUMPRODUCT((${range}=A${row})*${values})` : '0');
    put(row, 2, f(match(costPartner, costPvCol), c), S.exact);
    put(row, 3, f(match(sharePartner, sharePartner && shareCol('D')), b), S.exact);
    put(row, 4, f(match(sharePartner, sharePartner && shareCol('E')), cash), S.exact);
    put(row, 5, f(`C${row}-B${row}`, b - c), S.exact);
    put(row, 6, f(`ROUND(B${row},0)`, bp.pv_costs_pence), S.pence);
    put(row, 7, f(`ROUND(C${row},0)`, bp.pv_benefits_pence), S.pence);
    put(row, 8, f(`ROUND(D${row},0)`, bp.pv_cashable_pence), S.pence);
    put(row, 9, f(`ROUND(E${row},0)`, bp.net_pence), S.pence);
    partners.push({ partner: bp.partner, pv_costs_pence: `F${row}`, pv_benefits_pence: `G${row}`, pv_cashable_pence: `H${row}`, net_pence: `I${row}` });
  }

  ws.getColumn(1).width = 44;
  for (let c = 2; c <= 12; c++) ws.getColumn(c).width = 16;
  for (let t = 0; t < T; t++) ws.getColumn(YEAR_COL + t).width = 14;
  return { workbook: wb, map: { sheet: ws.name, figures, years: yearsMap, partners } };
}
