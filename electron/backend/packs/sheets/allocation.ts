// The Allocation sheet: each line in each ward in pounds, as short formulas over the
// Working sheet (same row), with Σ wards, a check that turns red, and a total row.
import { formatPounds } from '../../../../shared/money';
import { AC, WC, ALLOCATION_BLOCK_ROW, ALLOCATION_COLUMNS, ALLOCATION_FLAG_ROW, ALLOCATION_WARD_NAME_ROW, cellRef, LC, LINES_FIRST_ROW, PROXIES_FIRST_ROW, SHEETS } from '../layout';
import type { PackLine, PackModel } from '../model';
import { CHECK_RED, S, tinted } from '../styles';
import { columnLetters, Fills, confidenceOf, fit, formula, pounds, printSetup, put, text, validations, type PackSpec, type Style, type Value, type Ws } from './cells';
import type { Layout } from './positions';
import { lineNote } from './lines';
import { workingColumn } from './working';

export function writeAllocation(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
  const H = layout.headerRow;
  const shown = layout.shown;
  const m = shown.length;
  put(ws, 1, 1, `Allocation to wards: ${spec.subject}`, S.title);
  put(
    ws,
    2,
    1,
    layout.live
      ? 'Each line in each ward, in pounds: whole pence of amount × weight ÷ Σ weight, plus a leftover penny for the largest remainders (the Working sheet, same row, shows each step). Σ wards − amount is checked on every line: red when not 0.'
      : "Each line in the neighbourhood's wards, in pounds, as Spendmap split it across the whole borough (the partners' packs hold the live formulas); Σ wards is the line's total over every ward of the borough.",
    S.note,
  );
  put(ws, ALLOCATION_BLOCK_ROW, layout.money, layout.live ? 'Amount in each ward (£) = (whole pence + extra penny) ÷ 100, from Working' : "Amount in each of the neighbourhood's wards (£)", S.block);
  for (let j = 1; j < m; j++) ws.getCell(ALLOCATION_BLOCK_ROW, layout.money + j).style = S.block;
  // The neighbourhoods' wards first and tinted, as on the Mapping screen.
  const tint = (j: number, style: Style) => (layout.inNeighbourhood.has(shown[j]!) ? tinted(style) : style);
  const moneyStyles = shown.map((_, j) => tint(j, S.money));
  shown.forEach((k, j) => {
    put(ws, ALLOCATION_WARD_NAME_ROW, layout.money + j, model.wards[k]!.name, tint(j, S.textMuted));
    put(ws, H, layout.money + j, model.wards[k]!.code, tint(j, S.headerRight));
  });
  // Neighbourhood flags (from Proxies) above the ward amounts.
  spec.neighbourhoods.forEach(({ n: nb }, j) => {
    const r = ALLOCATION_FLAG_ROW + j;
    put(ws, r, 1, `In ${nb.name}`, S.label);
    put(ws, r, 2, '1 = the ward is in it (from Proxies)', S.note);
    shown.forEach((k, c) => {
      const on = nb.wards.includes(model.wards[k]!.code) ? 1 : 0;
      put(ws, r, layout.money + c, formula(`${SHEETS.proxies}!${cellRef(layout.flagCols[j]!, PROXIES_FIRST_ROW + k, true, true)}`, on), S.flag);
    });
  });
  ALLOCATION_COLUMNS.forEach((c, i) => put(ws, H, i + 1, c.header, c.key === 'amount' || c.key === 'wardSum' || c.key === 'difference' ? S.headerRight : S.header));
  spec.neighbourhoods.forEach(({ n: nb }, j) => put(ws, H, layout.nbCols[j]!, `In ${nb.name} (£)`, S.headerRight));
  if (layout.lowCol !== null) put(ws, H, layout.lowCol, 'Sensitivity low (£)', S.headerRight);
  if (layout.highCol !== null) put(ws, H, layout.highCol, 'Sensitivity high (£)', S.headerRight);

  const L = (col: number) => layout.linesRange(col);
  const refRange = `${SHEETS.lines}!${cellRef(LC.ref, 1, true, true)}:${cellRef(LC.ref, layout.lastLinesRow, true, true)}`;
  const col = columnLetters();
  const a = (key: keyof typeof AC, r: number) => `$${col(AC[key])}${r}`;
  const flagRow = (j: number) => `${cellRef(layout.money, ALLOCATION_FLAG_ROW + j, true, true)}:${cellRef(layout.money + Math.max(1, m) - 1, ALLOCATION_FLAG_ROW + j, true, true)}`;
  const working = (block: 'whole' | 'rank', k: number, r: number) => `${SHEETS.working}!${col(workingColumn(block, n, k))}${r}`;
  // Working has the wards in code order, Allocation the neighbourhoods' first: each stretch
  // of consecutive codes here is one formula filled right (and down).
  const stretches: { j: number; k: number; length: number }[] = [];
  shown.forEach((k, j) => {
    const last = stretches[stretches.length - 1];
    if (last && shown[j - 1] === k - 1) last.length++;
    else stretches.push({ j, k, length: 1 });
  });

  const fills = new Fills();
  spec.lines.forEach((p, i) => {
    const r = layout.firstRow + i;
    const lr = LINES_FIRST_ROW + i;
    const l = p.line;
    const set = fills.row(ws, r);
    const conf = confidenceOf(l.confidence);
    const money = layout.moneyRow(r);
    set(AC.ref, l.ref, S.text);
    set(AC.partner, l.partner, S.text);
    // MATCH, not a scan of every row per line: a program can cache the lookup.
    set(AC.linesRow, formula(`MATCH(${a('ref', r)},${refRange},0)`, lr), S.int);
    const pick = (key: keyof typeof LC) => `INDEX(${L(LC[key])},${a('linesRow', r)})`;
    set(AC.basis, formula(pick('basis'), l.basis), S.text);
    set(AC.beta, formula(pick('beta'), l.beta), S.beta);
    set(AC.amount, formula(pick('amount'), pounds(l.amountPence)), S.money);
    set(AC.pct, formula(pick('pct'), l.discretionaryPct), S.pct);
    set(AC.confidence, formula(pick('confidence'), conf), S.rag[conf]);
    set(AC.siteWard, formula(`${pick('siteWard')}&""`, l.siteWard ?? ''), S.text);
    const themes = text(l.themes.join('; '));
    if (themes) set(AC.themes, themes, S.text);
    const note = text(lineNote(p));
    if (note) set(AC.note, note, S.text);
    const nbFormula = (j: number) => formula(`SUMPRODUCT(${flagRow(j)},${money})`, pounds(p.neighbourhoods[spec.neighbourhoods[j]!.index]?.pence ?? 0));
    /** Σ wards and the check; wardPence null: a direct line with no figures yet. */
    const sums = (wardPence: number | null) => {
      set(AC.wardSum, formula(`IF(${a('allocated', r)}=1,SUM(${money}),"")`, wardPence === null ? '' : pounds(wardPence)), S.money);
      const check = `IF(${a('allocated', r)}=1,ROUND(${a('wardSum', r)}-${a('amount', r)},2),0)`;
      set(AC.difference, formula(check, wardPence === null ? 0 : pounds(wardPence - l.amountPence)), S.money);
    };

    if (!layout.live) {
      // The engine's figures for the neighbourhood's wards, and the line's borough total.
      set(AC.allocated, p.amounts ? 1 : 0, S.int);
      if (!p.amounts) {
        // A direct line with no figures yet counts 0 here, as in the partner's pack.
        if (l.basis === 'direct') {
          spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
          fixedSensitivity(set, layout, r, p, spec);
        }
        return;
      }
      shown.forEach((k, j) => set(layout.money + j, pounds(p.amounts![k]!), moneyStyles[j]!));
      const total = p.amounts.reduce((x, y) => x + y, 0);
      set(AC.wardSum, pounds(total), S.money);
      set(AC.difference, formula(`ROUND(${a('wardSum', r)}-${a('amount', r)},2)`, pounds(total - l.amountPence)), S.money);
      spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
      if (l.basis === 'site' || l.basis === 'direct') fixedSensitivity(set, layout, r, p, spec);
      else if (layout.lowCol !== null && layout.highCol !== null) {
        const f = p.neighbourhoods[spec.neighbourhoods[0]!.index];
        set(layout.lowCol, f ? pounds(f.low) : null, S.money);
        set(layout.highCol, f ? pounds(f.high) : null, S.money);
      }
      return;
    }
    if (l.basis === 'direct') {
      // The partner's figures, in editable cells; no working.
      const byWard = p.direct ?? new Map<string, number>();
      shown.forEach((k, j) => {
        const v = byWard.get(model.wards[k]!.code);
        set(layout.money + j, v === undefined ? null : pounds(v), S.inMoney);
      });
      set(AC.allocated, formula(`IF(COUNT(${money})>0,1,0)`, p.amounts ? 1 : 0), S.int);
      sums(p.amounts ? l.amountPence + (p.directDifference ?? 0) : null);
      spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
      fixedSensitivity(set, layout, r, p, spec);
      return;
    }
    if (!p.amounts || !p.emulated) {
      // Not allocated: the reason, and no formulas pretending otherwise.
      set(AC.allocated, 0, S.int);
      return;
    }
    // Leftover pennies need every ward's remainder: a number only when the whole split is.
    set(AC.allocated, formula(`IF(ISNUMBER(${SHEETS.working}!${cellRef(WC.leftover, r, true)}),1,0)`, 1), S.int);
    sums(l.amountPence);
    spec.neighbourhoods.forEach((_, j) => set(layout.nbCols[j]!, nbFormula(j), S.money));
    if (l.basis === 'site') fixedSensitivity(set, layout, r, p, spec);
    else if (layout.lowCol !== null && layout.highCol !== null) {
      const f = p.neighbourhoods[spec.neighbourhoods[0]!.index];
      set(layout.lowCol, f ? pounds(f.low) : null, S.money);
      set(layout.highCol, f ? pounds(f.high) : null, S.money);
    }
    // Filled across the ward columns and down the lines that follow (see Working).
    const amounts = p.amounts;
    const leftover = `${SHEETS.working}!${cellRef(WC.leftover, r, true)}`;
    for (const { j, k, length } of stretches) {
      const ks = shown.slice(j, j + length);
      // Whole pence + the extra penny (rank within the leftover pennies), in pounds.
      fills.put(ws, r, layout.money + j, `(${working('whole', k, r)}+(${working('rank', k, r)}<=${leftover}))/100`, ks.map((x) => pounds(amounts[x]!)), moneyStyles.slice(j, j + length), `money:${j}`);
    }
  });
  writeTotals(ws, spec, layout);

  const widths = new Map<number, number>(ALLOCATION_COLUMNS.map((c, i) => [i + 1, c.width]));
  widths.set(AC.ref, fit(spec.lines.map((p) => p.line.ref), 8, 20));
  widths.set(AC.partner, fit(spec.lines.map((p) => p.line.partner), 12, 34));
  widths.set(AC.note, fit(spec.lines.map((p) => lineNote(p)), 10, 60));
  const maxPounds = spec.lines.reduce((m, p) => Math.max(m, p.line.amountPence), 0);
  const moneyWidth = Math.max(12, formatPounds(maxPounds, { pence: true }).length + 2);
  widths.set(AC.amount, moneyWidth);
  widths.set(AC.wardSum, moneyWidth);
  for (const [c, w] of widths) ws.getColumn(c).width = w;
  for (const c of layout.nbCols) ws.getColumn(c).width = 16;
  if (layout.lowCol !== null) ws.getColumn(layout.lowCol).width = 16;
  if (layout.highCol !== null) ws.getColumn(layout.highCol).width = 16;
  for (let j = 0; j < m; j++) ws.getColumn(layout.money + j).width = moneyWidth;
  ws.getRow(H).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: H, topLeftCell: cellRef(3, layout.firstRow), activeCell: cellRef(layout.money, layout.firstRow) }];
  // The check turns red when a line's ward amounts do not add up to it.
  ws.addConditionalFormatting({
    ref: `${cellRef(AC.difference, layout.firstRow)}:${cellRef(AC.difference, layout.lastRow + 2)}`,
    rules: [{ type: 'expression', priority: 1, formulae: [`ROUND(${cellRef(AC.difference, layout.firstRow, true)},2)<>0`], style: CHECK_RED }],
  });
  // Direct lines: the partner types ward figures here.
  spec.lines.forEach((p, i) => {
    if (p.line.basis !== 'direct' || !layout.live) return;
    const r = layout.firstRow + i;
    validations(ws).add(layout.moneyRow(r), {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: 'Ward figure',
      error: 'Type the amount spent in this ward in pounds (0 or more), or leave it blank.',
    });
  });
  printSetup(ws, `${ALLOCATION_BLOCK_ROW}:${H}`, 'A:B', layout.money + m - 1);
}

/** The total row under the lines: amounts, each ward, Σ wards and the check over all of them. */
function writeTotals(ws: Ws, spec: PackSpec, layout: Layout): void {
  const r = layout.lastRow + 2;
  const sum = (c: number) => `SUM(${cellRef(c, layout.firstRow)}:${cellRef(c, layout.lastRow)})`;
  const allocated = spec.lines.filter((p) => p.amounts);
  const wardPence = (j: number) => allocated.reduce((s, p) => s + p.amounts![layout.shown[j]!]!, 0);
  const amountPence = spec.lines.reduce((s, p) => s + p.line.amountPence, 0);
  const sumPence = allocated.reduce((s, p) => s + p.amounts!.reduce((a, b) => a + b, 0), 0);
  put(ws, r, AC.partner, 'Total', S.label);
  put(ws, r, AC.amount, formula(sum(AC.amount), pounds(amountPence)), S.moneyBold);
  put(ws, r, AC.wardSum, formula(sum(AC.wardSum), pounds(sumPence)), S.moneyBold);
  const diff = allocated.reduce((s, p) => s + (p.line.basis === 'direct' ? (p.directDifference ?? 0) : 0), 0);
  put(ws, r, AC.difference, formula(`ROUND(${sum(AC.difference)},2)`, pounds(diff)), S.moneyBold);
  for (let j = 0; j < layout.shown.length; j++) {
    const style = layout.inNeighbourhood.has(layout.shown[j]!) ? tinted(S.moneyBold) : S.moneyBold;
    put(ws, r, layout.money + j, formula(sum(layout.money + j), pounds(wardPence(j))), style);
  }
  layout.nbCols.forEach((c, j) => {
    const idx = spec.neighbourhoods[j]!.index;
    put(ws, r, c, formula(sum(c), pounds(spec.lines.reduce((s, p) => s + (p.neighbourhoods[idx]?.pence ?? 0), 0))), S.moneyBold);
  });
}

/** Direct and site lines: their sensitivity range is their own amount (live). */
export function fixedSensitivity(set: (col: number, value: Value, style: Style) => void, layout: Layout, r: number, p: PackLine, spec: PackSpec): void {
  if (layout.lowCol === null || layout.highCol === null || !spec.neighbourhoods.length) return;
  const nb = cellRef(layout.nbCols[0]!, r);
  const pence = p.neighbourhoods[spec.neighbourhoods[0]!.index]?.pence ?? 0;
  set(layout.lowCol, formula(nb, pounds(pence)), S.money);
  set(layout.highCol, formula(nb, pounds(pence)), S.money);
}

