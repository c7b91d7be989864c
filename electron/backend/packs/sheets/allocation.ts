// The Allocation sheet: each line in each ward as live formulas, with the working.
import { formatPounds } from '../../../../shared/money';
import { AC, ALLOCATION_BLOCK_ROW, ALLOCATION_COLUMNS, ALLOCATION_FLAG_ROW, ALLOCATION_RATIO_ROW, ALLOCATION_WARD_NAME_ROW, cellRef, colLetter, LC, LINES_FIRST_ROW, NAMES, PROXIES_FIRST_ROW, SHEETS } from '../layout';
import type { PackLine, PackModel } from '../model';
import { S } from '../styles';
import { confidenceOf, fit, formula, pounds, printSetup, put, text, validations, type PackSpec, type Style, type Value, type Ws } from './cells';
import type { Layout } from './positions';
import { lineNote } from './lines';

export function writeAllocation(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
  const H = layout.headerRow;
  put(ws, 1, 1, `Allocation to wards: ${spec.subject}`, S.title);
  put(
    ws,
    2,
    1,
    'Each line in each ward, in pounds, as formulas reading Lines and Proxies: weight = proxy × (1 + β × (S ÷ S̄ − 1)); each ward gets the whole pence of amount × weight ÷ Σ weight, and the leftover pennies go to the largest fractions of a penny, ties to the lower ward code.',
    S.note,
  );
  const blocks: [number, string][] = [
    [
      layout.money,
      'Amount in each ward (£) = whole pence of amount × weight ÷ Σ weight, + 1p for the leftover pennies: to the largest remainders MOD(amount × weight, Σ weight), ties to the lower ward code',
    ],
    [layout.weight, `Weight = proxy value × deprivation factor (1 + β × (S ÷ S̄ − 1)); row ${ALLOCATION_RATIO_ROW}: S ÷ S̄ − 1 of each ward`],
  ];
  for (const [start, title] of blocks) {
    put(ws, ALLOCATION_BLOCK_ROW, start, title, S.block);
    for (let k = 1; k < n; k++) ws.getCell(ALLOCATION_BLOCK_ROW, start + k).style = S.block;
    model.wards.forEach((w, k) => {
      put(ws, ALLOCATION_WARD_NAME_ROW, start + k, w.name, S.textMuted);
      put(ws, H, start + k, w.code, S.headerRight);
    });
  }
  // Neighbourhood flags (from Proxies) above the ward amounts; S ÷ S̄ − 1 above the weights.
  spec.neighbourhoods.forEach(({ n: nb }, j) => {
    const r = ALLOCATION_FLAG_ROW + j;
    put(ws, r, 1, `In ${nb.name}`, S.label);
    put(ws, r, 2, '1 = the ward is in it (from Proxies)', S.note);
    model.wards.forEach((w, k) => {
      const on = nb.wards.includes(w.code) ? 1 : 0;
      put(ws, r, layout.money + k, formula(`${SHEETS.proxies}!${cellRef(layout.flagCols[j]!, PROXIES_FIRST_ROW + k, true, true)}`, on), S.flag);
    });
  });
  const imdCol = layout.proxyCol.get('imd_score');
  const scores = model.imdScore >= 0 ? model.proxies[model.imdScore]!.values : [];
  model.wards.forEach((_, k) => {
    const s = scores[k];
    const ratio = s === null || s === undefined || model.meanScore === null ? null : s / model.meanScore - 1;
    const f = imdCol === undefined ? 'NA()' : `${SHEETS.proxies}!${cellRef(imdCol, PROXIES_FIRST_ROW + k, true, true)}/${NAMES.meanScore}-1`;
    put(ws, ALLOCATION_RATIO_ROW, layout.weight + k, formula(f, ratio), S.fraction);
  });
  ALLOCATION_COLUMNS.forEach((c, i) => put(ws, H, i + 1, c.header, S.header));
  spec.neighbourhoods.forEach(({ n: nb }, j) => put(ws, H, layout.nbCols[j]!, `In ${nb.name} (£)`, S.headerRight));
  if (layout.lowCol !== null) put(ws, H, layout.lowCol, 'Sensitivity low (£)', S.headerRight);
  if (layout.highCol !== null) put(ws, H, layout.highCol, 'Sensitivity high (£)', S.headerRight);

  const L = (col: number) => layout.linesRange(col);
  const refRange = `${SHEETS.lines}!${cellRef(LC.ref, LINES_FIRST_ROW, true, true)}:${cellRef(LC.ref, layout.lastLinesRow, true, true)}`;
  const letter = new Map<number, string>();
  const col = (c: number) => {
    let s = letter.get(c);
    if (s === undefined) letter.set(c, (s = colLetter(c)));
    return s;
  };
  const a = (key: keyof typeof AC, r: number) => `$${col(AC[key])}${r}`;
  const flagRow = (j: number) => `${cellRef(layout.money, ALLOCATION_FLAG_ROW + j, true, true)}:${cellRef(layout.money + n - 1, ALLOCATION_FLAG_ROW + j, true, true)}`;

  spec.lines.forEach((p, i) => {
    const r = layout.firstRow + i;
    const lr = LINES_FIRST_ROW + i;
    const l = p.line;
    const row = ws.getRow(r);
    const set = (c: number, value: Value, style: Style) => {
      const cell = row.getCell(c);
      cell.value = value;
      cell.style = style;
    };
    const conf = confidenceOf(l.confidence);
    const money = `${col(layout.money)}${r}:${col(layout.money + n - 1)}${r}`;
    set(AC.ref, l.ref, S.text);
    set(AC.partner, l.partner, S.text);
    set(AC.linesRow, formula(`SUMPRODUCT((${refRange}=${a('ref', r)})*ROW(${refRange}))`, lr), S.int);
    const pick = (key: keyof typeof LC) => `INDEX(${L(LC[key])},${a('linesRow', r)})`;
    set(AC.basis, formula(pick('basis'), l.basis), S.text);
    set(AC.beta, formula(pick('beta'), l.beta), S.beta);
    set(AC.amountPence, formula(`ROUND(${pick('amount')}*100,0)`, l.amountPence), S.pence);
    set(AC.pct, formula(pick('pct'), l.discretionaryPct), S.pct);
    set(AC.confidence, formula(pick('confidence'), conf), S.rag[conf]);
    set(AC.siteWard, formula(`${pick('siteWard')}&""`, l.siteWard ?? ''), S.text);
    const themes = text(l.themes.join('; '));
    if (themes) set(AC.themes, themes, S.text);
    const note = text(lineNote(p));
    if (note) set(AC.note, note, S.text);
    const nbFormula = (j: number) => formula(`SUMPRODUCT(${flagRow(j)},${money})`, pounds(p.neighbourhoods[spec.neighbourhoods[j]!.index]?.pence ?? 0));

    if (l.basis === 'direct') {
      // The partner's figures, in editable cells; no working.
      const byWard = p.direct ?? new Map<string, number>();
      model.wards.forEach((w, k) => {
        const v = byWard.get(w.code);
        set(layout.money + k, v === undefined ? null : pounds(v), S.inMoney);
      });
      set(AC.allocated, formula(`IF(COUNT(${money})>0,1,0)`, p.amounts ? 1 : 0), S.int);
      set(AC.difference, formula(`IF(${a('allocated', r)}=1,ROUND(SUM(${money})*100,0)-${a('amountPence', r)},0)`, p.directDifference ?? 0), S.pence);
      spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
      fixedSensitivity(set, layout, r, p, spec);
      return;
    }
    if (!p.amounts || !p.emulated) {
      // Not allocated: the reason, and no formulas pretending otherwise.
      set(AC.allocated, 0, S.int);
      return;
    }
    const e = p.emulated;
    const basis = a('basis', r);
    // 0 for site (and direct): their weights do not come from a proxy column.
    const proxyColumn = l.basis === 'site' ? 0 : (layout.proxyCol.get(l.basis) ?? layout.evenCol) - 2;
    set(AC.proxyColumn, formula(`IF(OR(${basis}="site",${basis}="direct"),0,MATCH(${basis},${NAMES.proxyNames},0))`, proxyColumn), S.int);
    const weights = `${col(layout.weight)}${r}:${col(layout.weight + n - 1)}${r}`;
    const J = a('proxyColumn', r);
    const A = a('amountPence', r);
    const W = a('sumWeight', r);
    /** The remainder of amount × weight after whole pence, in 1/Σ weight of a penny: exact for whole-number weights. */
    const remainder = (t: string) => `MOD(${t}-INT(${t}/${W})*${W},${W})`;
    const allWeights = `$${col(layout.weight)}${r}:$${col(layout.weight + n - 1)}${r}`;
    set(
      AC.sumWeight,
      formula(`IF(IF(${J}=0,${n},COUNT(INDEX(${NAMES.proxyValues},0,${J})))<${n},NA(),IF(SUM(${weights})>0,SUM(${weights}),NA()))`, e.sumWeight),
      S.weight,
    );
    set(AC.leftover, formula(`ROUND(SUMPRODUCT(${remainder(`${A}*${allWeights}`)})/${W},0)`, e.leftover), S.int);
    set(AC.allocated, formula(`IF(ISNUMBER(${a('sumWeight', r)}),1,0)`, 1), S.int);
    set(AC.difference, formula(`ROUND(SUM(${money})*100,0)-${a('amountPence', r)}`, 0), S.pence);
    spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
    if (l.basis === 'site') fixedSensitivity(set, layout, r, p, spec);
    else if (layout.lowCol !== null && layout.highCol !== null) {
      const f = p.neighbourhoods[spec.neighbourhoods[0]!.index];
      set(layout.lowCol, f ? pounds(f.low) : null, S.money);
      set(layout.highCol, f ? pounds(f.high) : null, S.money);
    }

    const K = a('leftover', r);
    const beta = a('beta', r);
    const site = a('siteWard', r);
    const firstW = `$${col(layout.weight)}${r}`;
    const larger = `SUMPRODUCT(--(${remainder(`${A}*${allWeights}`)}>`;
    for (let k = 0; k < n; k++) {
      const wc = col(layout.weight + k);
      const w = `${wc}${r}`;
      const own = remainder(`${A}*${w}`);
      set(
        layout.weight + k,
        formula(`IF(${J}=0,--(${wc}$${H}=${site}),INDEX(${NAMES.proxyValues},${k + 1},${J})*IF(${beta}=0,1,1+${beta}*${wc}$${ALLOCATION_RATIO_ROW}))`, e.weights[k]!),
        S.weight,
      );
      // Whole pence, then a leftover penny if this ward's remainder is among the K largest
      // (larger remainders, and equal ones at lower ward codes, counted before it).
      set(
        layout.money + k,
        formula(
          `(ROUND((${A}*${w}-${own})/${W},0)+(${larger}${own}))+SUMPRODUCT(--(${remainder(`${A}*${firstW}:${w}`)}=${own}))<=${K}))/100`,
          pounds(p.amounts[k]!),
        ),
        S.money,
      );
    }
  });

  const widths = new Map<number, number>(ALLOCATION_COLUMNS.map((c, i) => [i + 1, c.width]));
  widths.set(AC.ref, fit(spec.lines.map((p) => p.line.ref), 8, 20));
  widths.set(AC.partner, fit(spec.lines.map((p) => p.line.partner), 12, 34));
  widths.set(AC.note, fit(spec.lines.map((p) => lineNote(p)), 10, 60));
  for (const [c, w] of widths) ws.getColumn(c).width = w;
  for (const c of layout.nbCols) ws.getColumn(c).width = 16;
  if (layout.lowCol !== null) ws.getColumn(layout.lowCol).width = 16;
  if (layout.highCol !== null) ws.getColumn(layout.highCol).width = 16;
  const maxPounds = Math.max(0, ...spec.lines.map((p) => p.line.amountPence));
  const moneyWidth = Math.max(12, formatPounds(maxPounds, { pence: true }).length + 2);
  for (let k = 0; k < n; k++) {
    ws.getColumn(layout.money + k).width = moneyWidth;
    const c = ws.getColumn(layout.weight + k);
    c.width = 14;
    c.outlineLevel = 1;
  }
  ws.properties.outlineLevelCol = 1;
  ws.getRow(H).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: H, topLeftCell: cellRef(3, layout.firstRow), activeCell: cellRef(layout.money, layout.firstRow) }];
  // Direct lines: the partner types ward figures here.
  spec.lines.forEach((p, i) => {
    if (p.line.basis !== 'direct') return;
    const r = layout.firstRow + i;
    validations(ws).add(`${cellRef(layout.money, r)}:${cellRef(layout.money + n - 1, r)}`, {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: 'Ward figure',
      error: 'Type the amount spent in this ward in pounds (0 or more), or leave it blank.',
    });
  });
  printSetup(ws, `${ALLOCATION_BLOCK_ROW}:${H}`, 'A:B');
  // Printed: the lines and their ward amounts; the working stays on screen.
  ws.pageSetup.printArea = `A1:${colLetter(layout.money + n - 1)}${layout.lastRow}`;
}

/** Direct and site lines: their sensitivity range is their own amount (live). */
export function fixedSensitivity(set: (col: number, value: Value, style: Style) => void, layout: Layout, r: number, p: PackLine, spec: PackSpec): void {
  if (layout.lowCol === null || layout.highCol === null || !spec.neighbourhoods.length) return;
  const nb = cellRef(layout.nbCols[0]!, r);
  const pence = p.neighbourhoods[spec.neighbourhoods[0]!.index]?.pence ?? 0;
  set(layout.lowCol, formula(nb, pounds(pence)), S.money);
  set(layout.highCol, formula(nb, pounds(pence)), S.money);
}

