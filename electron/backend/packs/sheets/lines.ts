// The Lines sheet: one row per spend line, the partner's editable cells in yellow.
import { CONFIDENCE_LETTER, SUGGESTED_CONFIDENCE, suggestedConfidence } from '../../../../shared/domain/types';
import { formatPounds } from '../../../../shared/money';
import { AC, cellRef, colLetter, LC, LINE_COLUMNS, LINES_FIRST_ROW, LINES_HEADER_ROW, NAMES, SHEETS } from '../layout';
import type { PackLine } from '../model';
import { CHECK_RED, ragRules, S } from '../styles';
import { confidenceOf, fit, formula, pounds, printSetup, put, text, validations, type PackSpec, type Style, type Value, type Ws } from './cells';
import type { Layout } from './positions';

export function writeLines(ws: Ws, spec: PackSpec, layout: Layout): void {
  put(ws, 1, 1, spec.kind === 'partner' ? `Spend lines: ${spec.subject}` : `Spend lines: every partner (${spec.subject})`, S.title);
  put(ws, 2, 1, 'Yellow cells are yours to change (see Read me). Amounts are for the whole borough, in pounds.', S.note);
  LINE_COLUMNS.forEach((c, i) => put(ws, LINES_HEADER_ROW, i + 1, c.header, c.key === 'amount' || c.key === 'beta' || c.key === 'pct' ? S.headerRight : S.header));
  spec.lines.forEach((p, i) => {
    const r = LINES_FIRST_ROW + i;
    const l = p.line;
    const row = ws.getRow(r);
    const set = (key: keyof typeof LC, value: Value, style: Style) => {
      if (value === null && style === S.text) return; // no empty cells for blank text
      const cell = row.getCell(LC[key]);
      cell.value = value;
      cell.style = style;
    };
    const conf = confidenceOf(l.confidence);
    set('ref', l.ref, S.text);
    set('partner', l.partner, S.text);
    set('partnerType', l.partnerType, S.text);
    set('service', text(l.service), S.text);
    set('description', text(l.description), S.text);
    set('amount', pounds(l.amountPence), S.inMoney);
    set('year', l.year, S.text);
    set('basis', l.basis, S.inText);
    set('beta', l.beta, S.inBeta);
    set('pct', l.discretionaryPct, S.inPct);
    set('status', l.status, S.inText);
    set('confidence', conf, S.ragInput[conf]);
    const c = cellRef(LC.confidence, r);
    set('rag', formula(`IF(${c}="green","G",IF(${c}="amber","A",IF(${c}="red","R","?")))`, CONFIDENCE_LETTER[conf]), S.rag[conf]);
    set('reason', text(l.confidenceReason), S.inText);
    set('themes', text(l.themes.join('; ')), S.text);
    set('siteWard', text(l.siteWard), S.inText);
    const b = cellRef(LC.basis, r);
    // The basis's suggestion from the list beside the bases (Lists); one it does not know: amber, as in Spendmap.
    const suggested = `IFERROR(INDEX(${NAMES.suggested},MATCH(${b},${NAMES.bases},0)),"${SUGGESTED_CONFIDENCE.otherwise}")`;
    set('suggested', formula(suggested, suggestedConfidence(l.basis)), S.text);
    set('focus', p.focus ? 'yes' : null, S.text);
    set('note', text(lineNote(p)), S.text);
  });
  // Widths that fit the text, within reason.
  for (const c of LINE_COLUMNS) {
    const values = spec.lines.map((p) => {
      const l = p.line;
      switch (c.key) {
        case 'ref':
          return l.ref;
        case 'partner':
          return l.partner;
        case 'service':
          return l.service;
        case 'description':
          return l.description;
        case 'basis':
          return l.basis;
        case 'themes':
          return l.themes.join('; ');
        case 'reason':
          return l.confidenceReason;
        case 'note':
          return lineNote(p);
        default:
          return null;
      }
    });
    ws.getColumn(LC[c.key]).width = fit(values, c.width, c.key === 'note' || c.key === 'description' ? 70 : 45);
  }
  ws.getRow(LINES_HEADER_ROW).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: LINES_HEADER_ROW, topLeftCell: cellRef(2, LINES_FIRST_ROW), activeCell: cellRef(LC.amount, LINES_FIRST_ROW) }];
  ws.autoFilter = { from: { row: LINES_HEADER_ROW, column: 1 }, to: { row: LINES_HEADER_ROW, column: LINE_COLUMNS.length } };

  const last = layout.lastLinesRow;
  const col = (key: keyof typeof LC) => `${colLetter(LC[key])}${LINES_FIRST_ROW}:${colLetter(LC[key])}${last}`;
  const dv = validations(ws);
  dv.add(col('amount'), {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: false,
    showErrorMessage: true,
    errorTitle: 'Amount',
    error: 'Type the amount for the whole borough in pounds, 0 or more, e.g. 12300.50.',
  });
  dv.add(col('basis'), { type: 'list', formulae: [NAMES.bases], allowBlank: false, showErrorMessage: true, errorTitle: 'Basis', error: 'Choose a proxy of this project, or direct, site or even.' });
  dv.add(col('beta'), { type: 'decimal', operator: 'between', formulae: [0, 1], allowBlank: true, showErrorMessage: true, errorTitle: 'β', error: 'β is a number from 0 (no deprivation weighting) to 1.' });
  dv.add(col('pct'), { type: 'decimal', operator: 'between', formulae: [0, 100], allowBlank: true, showErrorMessage: true, errorTitle: 'Discretionary %', error: 'A percentage from 0 to 100, e.g. 12.5.' });
  dv.add(col('status'), { type: 'list', formulae: [NAMES.statuses], allowBlank: true, showErrorMessage: true, errorTitle: 'Status', error: 'Choose mainstream, aligned, virtual or pooled.' });
  dv.add(col('confidence'), { type: 'list', formulae: [NAMES.confidences], allowBlank: true, showErrorMessage: true, errorTitle: 'Confidence', error: 'Choose green, amber or red, and give a reason.' });
  dv.add(col('siteWard'), { type: 'list', formulae: [NAMES.wards], allowBlank: true, showErrorMessage: true, errorTitle: 'Site ward', error: 'Choose the code of the ward that hosts the service (see Proxies).' });
  ws.addConditionalFormatting({ ref: `${colLetter(LC.confidence)}${LINES_FIRST_ROW}:${colLetter(LC.rag)}${last}`, rules: ragRules(`$${colLetter(LC.confidence)}${LINES_FIRST_ROW}`) });
  writeLinesTotals(ws, spec, layout);
  printSetup(ws, `${LINES_HEADER_ROW}:${LINES_HEADER_ROW}`, 'A:A');
}

export function lineNote(p: PackLine): string | null {
  if (p.reason) return `Not allocated: ${p.reason}`;
  const notes: string[] = [];
  if (p.directDifference !== null) {
    const d = p.directDifference;
    notes.push(`Ward figures add up to ${formatPounds(p.line.amountPence + d, { pence: true })}: ${d > 0 ? 'over' : 'short'} by ${formatPounds(Math.abs(d), { pence: true })}`);
  }
  if (p.knifeEdge)
    notes.push(`Excel's arithmetic differs from Spendmap's exact split by ${p.knifeEdge} pence on this line (a knife-edge tie); Spendmap's figures are shown`);
  return notes.length ? notes.join('. ') : null;
}


/**
 * Under the lines (ref left blank, so a review skips them): the total amount, what the
 * allocated lines add up to over the wards (Allocation's total row), and the check,
 * red when the wards do not add up to the lines.
 */
function writeLinesTotals(ws: Ws, spec: PackSpec, layout: Layout): void {
  const r = layout.lastLinesRow + 2;
  const amount = colLetter(LC.amount);
  const allocTotal = layout.lastRow + 2;
  const allocated = spec.lines.filter((p) => p.amounts);
  const wardPence = allocated.reduce((s, p) => s + p.amounts!.reduce((a, b) => a + b, 0), 0);
  const diff = allocated.reduce((s, p) => s + (p.line.basis === 'direct' ? (p.directDifference ?? 0) : 0), 0);
  const label = (row: number, t: string) => put(ws, row, LC.description, t, S.label);
  label(r, 'Total');
  put(ws, r, LC.amount, formula(`SUM(${amount}${LINES_FIRST_ROW}:${amount}${layout.lastLinesRow})`, pounds(spec.lines.reduce((s, p) => s + p.line.amountPence, 0))), S.moneyBold);
  label(r + 1, 'Σ wards of the allocated lines (Allocation)');
  put(ws, r + 1, LC.amount, formula(`${SHEETS.allocation}!${cellRef(AC.wardSum, allocTotal, true, true)}`, pounds(wardPence)), S.money);
  label(r + 2, 'Check: Σ wards − amount (Allocation)');
  put(ws, r + 2, LC.amount, formula(`${SHEETS.allocation}!${cellRef(AC.difference, allocTotal, true, true)}`, pounds(diff)), S.money);
  ws.addConditionalFormatting({ ref: cellRef(LC.amount, r + 2), rules: [{ type: 'expression', priority: 1, formulae: [`ROUND(${cellRef(LC.amount, r + 2, true, true)},2)<>0`], style: CHECK_RED }] });
}
