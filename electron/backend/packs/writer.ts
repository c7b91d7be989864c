// Writes one pack (a partner's, or a neighbourhood's) as an in-memory exceljs workbook:
// Read me, Lines, Proxies, Allocation (live formulas), Neighbourhood, and two hidden
// sheets (validation lists; the pack's identity and what was exported).
//
// Formulas (docs/method.md, "Packs"): plain per-row formulas, Excel 2007 functions
// only, each written with its cached result. Money results are the engine's pence;
// the working (weights, Σ weight, leftover pennies) is what Excel computes in doubles,
// evaluated here in the same order (model.ts emulate()).
import type ExcelJS from 'exceljs';
import { CONFIDENCE_LETTER, STATUSES, CONFIDENCES, suggestedConfidence, type Confidence } from '../../../shared/domain/types';
import { SPECIAL_BASES } from '../../../shared/domain/proxies';
import { formatPounds } from '../../../shared/money';
import { ratioFromNumber, roundHalfUp } from '../../../shared/decimal';
import {
  AC,
  ALLOCATION_BLOCK_ROW,
  ALLOCATION_COLUMNS,
  ALLOCATION_FLAG_ROW,
  ALLOCATION_RATIO_ROW,
  ALLOCATION_WARD_NAME_ROW,
  allocationHeaderRow,
  cellRef,
  colLetter,
  LC,
  LINE_COLUMNS,
  LINES_FIRST_ROW,
  LINES_HEADER_ROW,
  META_SNAPSHOT_ROW,
  NAMES,
  PACK_FORMAT,
  PROXIES_FIRST_ROW,
  PROXIES_HEADER_ROW,
  PROXIES_LABEL_ROW,
  PROXIES_MEAN_CELL,
  SHEETS,
  encodeSnapshot,
  type LineSnapshot,
} from './layout';
import type { PackLine, PackModel, PackNeighbourhood } from './model';
import { ragRules, S } from './styles';

type Excel = typeof ExcelJS;
type Ws = ExcelJS.Worksheet;
type Style = Partial<ExcelJS.Style>;
type Value = ExcelJS.CellValue;

export interface PackSpec {
  kind: 'partner' | 'neighbourhood';
  /** The partner's or the neighbourhood's name. */
  subject: string;
  lines: PackLine[];
  /** Neighbourhoods shown (all of the project's for a partner pack; the one for a neighbourhood pack). */
  neighbourhoods: { index: number; n: PackNeighbourhood }[];
}

/** A formula with its cached result; null caches #N/A (what Excel shows when a figure cannot be worked out). */
const formula = (f: string, result: number | string | null): ExcelJS.CellFormulaValue =>
  ({ formula: f, result: result === null ? { error: '#N/A' } : result }) as ExcelJS.CellFormulaValue;
const pounds = (pence: number) => pence / 100;

/** exceljs has worksheet data validations but does not declare them. */
function validations(ws: Ws): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function put(ws: Ws, row: number, col: number, value: Value, style: Style): void {
  const cell = ws.getCell(row, col);
  cell.value = value;
  cell.style = style;
}

/** Text a partner or user wrote: always a text cell (numFmt "@"), never a formula. */
function text(value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : value;
}

/** What the per-head formula shows: pounds to the penny (half up on whole pence), "" without a population. */
function perHeadCached(pence: number, population: number | null): number | string {
  if (population === null || !(population > 0)) return '';
  const p = ratioFromNumber(population);
  return Number(roundHalfUp({ n: BigInt(pence) * p.d, d: p.n })) / 100;
}

const confidenceOf = (c: string): Confidence => ((CONFIDENCES as readonly string[]).includes(c) ? (c as Confidence) : 'red');

/** The pack's structure and the numbers every formula needs. */
class Layout {
  readonly n: number;
  readonly lastLinesRow: number;
  readonly headerRow: number;
  readonly firstRow: number;
  readonly lastRow: number;
  /** First column of each block of the Allocation sheet. */
  readonly money: number;
  readonly weight: number;
  /** Neighbourhood columns (one per neighbourhood), then low / high for a neighbourhood pack. */
  readonly nbCols: number[];
  readonly lowCol: number | null;
  readonly highCol: number | null;
  /** Proxies: columns of each proxy, of `even`, of each neighbourhood's flags. */
  readonly proxyCol: Map<string, number>;
  readonly evenCol: number;
  readonly flagCols: number[];
  readonly lastProxiesRow: number;

  constructor(readonly model: PackModel, readonly spec: PackSpec) {
    this.n = model.wards.length;
    const lines = spec.lines.length;
    this.lastLinesRow = Math.max(LINES_FIRST_ROW, LINES_FIRST_ROW + lines - 1);
    this.headerRow = allocationHeaderRow(spec.neighbourhoods.length);
    this.firstRow = this.headerRow + 1;
    this.lastRow = Math.max(this.firstRow, this.headerRow + lines);
    let c = ALLOCATION_COLUMNS.length + 1;
    this.nbCols = spec.neighbourhoods.map(() => c++);
    this.lowCol = spec.kind === 'neighbourhood' ? c++ : null;
    this.highCol = spec.kind === 'neighbourhood' ? c++ : null;
    this.money = c;
    this.weight = c + this.n;
    this.proxyCol = new Map(model.proxies.map((p, i) => [p.name, 3 + i]));
    this.evenCol = 3 + model.proxies.length;
    this.flagCols = spec.neighbourhoods.map((_, j) => this.evenCol + 1 + j);
    this.lastProxiesRow = PROXIES_FIRST_ROW + this.n - 1;
  }

  /** Allocation!$X$first:$X$last. */
  allocRange(col: number): string {
    return `${SHEETS.allocation}!${cellRef(col, this.firstRow, true, true)}:${cellRef(col, this.lastRow, true, true)}`;
  }

  linesRange(col: number): string {
    return `${SHEETS.lines}!${cellRef(col, 1, true, true)}:${cellRef(col, this.lastLinesRow, true, true)}`;
  }

  proxiesRange(col: number): string {
    return `${SHEETS.proxies}!${cellRef(col, PROXIES_FIRST_ROW, true, true)}:${cellRef(col, this.lastProxiesRow, true, true)}`;
  }

  /** Proxies!population range, or null when the project has no population proxy. */
  populationRange(): string | null {
    const c = this.proxyCol.get('population');
    return c === undefined ? null : this.proxiesRange(c);
  }
}

export function buildWorkbook(Excel: Excel, model: PackModel, spec: PackSpec): ExcelJS.Workbook {
  const wb = new Excel.Workbook();
  wb.creator = `Spendmap ${model.version}`;
  wb.lastModifiedBy = `Spendmap ${model.version}`;
  wb.created = model.exportedAt;
  wb.modified = model.exportedAt;
  wb.title = spec.kind === 'partner' ? `${spec.subject}: spend in ${model.project.ladName}` : `${spec.subject}: neighbourhood spend`;
  wb.calcProperties.fullCalcOnLoad = true;
  const layout = new Layout(model, spec);

  const readMe = wb.addWorksheet(SHEETS.readMe, { properties: { tabColor: { argb: 'FF1F3864' } } });
  const lines = wb.addWorksheet(SHEETS.lines);
  const proxies = wb.addWorksheet(SHEETS.proxies);
  const allocation = wb.addWorksheet(SHEETS.allocation);
  const neighbourhood = wb.addWorksheet(SHEETS.neighbourhood);
  const lists = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  const meta = wb.addWorksheet(SHEETS.meta, { state: 'veryHidden' });

  writeLists(wb, lists, model);
  writeMeta(wb, meta, model, spec, layout);
  writeReadMe(readMe, model, spec);
  writeLines(lines, spec, layout);
  writeProxies(proxies, model, spec, layout);
  writeAllocation(allocation, model, spec, layout);
  if (spec.kind === 'partner') writePartnerNeighbourhoods(neighbourhood, model, spec, layout);
  else writeNeighbourhoodSummary(neighbourhood, model, spec, layout);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

function printSetup(ws: Ws, titleRows: string | null, titleCols: string | null = null): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  if (titleRows) ws.pageSetup.printTitlesRow = titleRows;
  if (titleCols) ws.pageSetup.printTitlesColumn = titleCols;
  ws.headerFooter = { oddFooter: '&L&A&RPage &P of &N' };
}

/** Column width that fits the longest text (in characters), within limits. */
function fit(texts: Iterable<string | null | undefined>, min: number, max: number): number {
  let w = min;
  for (const t of texts) if (t) w = Math.max(w, Math.min(max, t.length + 2));
  return w;
}

// ----------------------------------------------------------------------------- Lists and meta

function writeLists(wb: ExcelJS.Workbook, ws: Ws, model: PackModel): void {
  const bases = [...model.proxies.map((p) => p.name), ...SPECIAL_BASES];
  const lists: [string, string, readonly string[]][] = [
    ['A', NAMES.bases, bases],
    ['B', NAMES.statuses, STATUSES],
    ['C', NAMES.confidences, CONFIDENCES],
    ['D', NAMES.wards, model.wards.map((w) => w.code)],
  ];
  for (const [col, name, values] of lists) {
    values.forEach((v, i) => put(ws, i + 1, col.charCodeAt(0) - 64, v, S.text));
    wb.definedNames.add(`${SHEETS.lists}!$${col}$1:$${col}$${Math.max(1, values.length)}`, name);
  }
}

function snapshotOf(p: PackLine): LineSnapshot {
  const l = p.line;
  return {
    id: l.id,
    ref: l.ref,
    amountPence: l.amountPence,
    basis: l.basis,
    beta: l.beta,
    pct: l.discretionaryPct,
    status: l.status,
    confidence: l.confidence,
    siteWard: l.siteWard,
    direct: p.direct ? Object.fromEntries(p.direct) : null,
  };
}

function writeMeta(wb: ExcelJS.Workbook, ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const entries: [string, string | number][] = [
    ['format', PACK_FORMAT],
    ['kind', spec.kind],
    ['subject', spec.subject],
    ['project', model.project.fingerprint],
    ['projectName', model.project.name],
    ['ladCode', model.project.ladCode],
    ['ladName', model.project.ladName],
    ['year', model.project.year],
    ['exportedAt', model.exportedAt.toISOString()],
    ['exportedBy', `Spendmap ${model.version}`],
    ['wards', model.wards.map((w) => w.code).join(',')],
    ['lines', spec.lines.length],
    ['linesHeaderRow', LINES_HEADER_ROW],
    ['allocationHeaderRow', layout.headerRow],
    ['moneyColumn', layout.money],
    ['neighbourhoods', JSON.stringify(spec.neighbourhoods.map((x) => x.n.name))],
    ['snapshotRow', META_SNAPSHOT_ROW],
  ];
  entries.forEach(([k, v], i) => {
    put(ws, i + 1, 1, k, S.text);
    put(ws, i + 1, 2, v, typeof v === 'number' ? S.number : S.text);
  });
  wb.definedNames.add(`${SHEETS.meta}!$B$1`, NAMES.pack);
  put(ws, META_SNAPSHOT_ROW - 1, 1, 'Lines as exported (what a review compares the returned pack with)', S.text);
  spec.lines.forEach((p, i) => put(ws, META_SNAPSHOT_ROW + i, 2, encodeSnapshot(snapshotOf(p)), S.text));
}

// ----------------------------------------------------------------------------- Read me

function writeReadMe(ws: Ws, model: PackModel, spec: PackSpec): void {
  const p = model.project;
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 110;
  let r = 1;
  const title = spec.kind === 'partner' ? `Spendmap pack: ${spec.subject}` : `Spendmap neighbourhood pack: ${spec.subject}`;
  put(ws, r++, 1, title, S.title);
  put(ws, r++, 1, `${p.ladName} (${p.ladCode}), financial year ${p.year}`, S.note);
  r++;
  const row = (label: string, value: string) => {
    put(ws, r, 1, label, S.labelWrap);
    put(ws, r, 2, value, S.textWrap);
    // Rows do not grow to fit wrapped text by themselves: about 105 characters a line in column B, 30 in A.
    const lines = Math.max(Math.ceil(value.length / 105), Math.ceil(label.length / 30), 1);
    if (lines > 1) ws.getRow(r).height = 15 * lines;
    r++;
  };
  const section = (name: string) => {
    r++;
    put(ws, r++, 1, name, S.section);
  };
  const allocated = spec.lines.filter((l) => l.amounts);
  const total = spec.lines.reduce((s, l) => s + l.line.amountPence, 0);
  const nbText = spec.neighbourhoods.length
    ? spec.neighbourhoods
        .map(({ n }) => `${n.name}: ${n.wards.map((c) => `${model.wards.find((w) => w.code === c)?.name ?? c} (${c})`).join(', ')}`)
        .join('; ')
    : 'None yet: the project has no neighbourhood.';
  row(
    'What this is',
    spec.kind === 'partner'
      ? `How the project "${p.name}" shares ${spec.subject}'s spend in ${p.ladName} across its wards and neighbourhoods, for you to check and correct. Every ward amount is a live formula: change a yellow cell and the split follows.`
      : `Every partner's spend in the neighbourhood ${spec.subject}, from the project "${p.name}": totals by partner and theme, per head, influence-able share, confidence and the sensitivity range. Every ward amount is a live formula.`,
  );
  row('Project', `${p.name} (file ${p.fileName}); ${p.ladName}, ${p.ladCode}; ${p.year}; ward proxies from ${p.packTitle}`);
  row(spec.neighbourhoods.length === 1 ? 'Neighbourhood' : 'Neighbourhoods', nbText);
  row(
    'Lines',
    `${spec.lines.length} line${spec.lines.length === 1 ? '' : 's'}, ${formatPounds(total, { pence: true })} in total; ${allocated.length} allocated to wards${
      allocated.length < spec.lines.length ? `, ${spec.lines.length - allocated.length} not (the reason is in Lines, column "Spendmap note")` : ''
    }.`,
  );
  row('Exported', `${model.exportedAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })} by Spendmap ${model.version}`);

  section('The method');
  row('Basis', "Each line's amount for the whole borough is shared across its wards by a basis: a ward proxy (population, children, income-deprived people...), 'even' (the same weight in every ward), 'site' (all of it in the ward that hosts the service) or 'direct' (your own ward figures).");
  row(
    'Deprivation weighting',
    "β from 0 to 1 tilts a proxy towards more deprived wards. Each ward's factor is 1 + β × (S ÷ S̄ − 1), where S is the ward's IMD score and S̄ the population-weighted mean score of the borough (Proxies, cell C2). β = 0: no weighting; β = 1: in proportion to the score. IMD ranks are never used.",
  );
  row('Weights and shares', "Weight = proxy value × factor (Allocation, the 'Weight' columns). A ward's exact share of a line = amount × weight ÷ Σ weight, in pence.");
  row(
    'Rounding to the penny',
    "Each ward first gets the whole pence of its exact share; the pennies left over ('Leftover pennies') go one each to the wards with the largest fractions of a penny, ties to the lower ward code. A fraction is worked out as MOD(amount × weight, Σ weight), which is exact in Excel, inside each ward's amount formula. So a line's ward amounts always add up to its amount, to the penny.",
  );
  row('Confidence', 'Green (G): your own ward figures or a single site. Amber (A): a needs-based proxy. Red (R): population or even. Changing a confidence needs a reason.');
  row(
    'Neighbourhood figures',
    'Total = the sum of its wards\' amounts. Per head = total ÷ its population. Influence-able = Σ amount × discretionary % ÷ 100, rounded to the penny once at the end. Confidence mix = the total split by each line\'s confidence.' +
      (spec.kind === 'neighbourhood'
        ? " Sensitivity range: each proxy or even line recomputed with its basis at β = 0, 0.5 and 1 and with population at β = 0; low and high add up each line's smallest and largest (worked out by Spendmap when it exported this pack)."
        : ''),
  );
  row('Lines not allocated', 'A line Spendmap cannot share (a proxy missing for a ward, no site ward, no ward figures yet...) shows why instead of amounts; it is never counted as zero.');

  section('How to send corrections');
  row('What you can change', 'Only the yellow cells on Lines: amount (£), basis, β, discretionary %, status, confidence (with a reason) and site ward. Spendmap matches your lines by their ref.');
  row('Your own ward figures', "Set the line's basis to 'direct' on Lines, then type the figures in pounds into that line's ward cells on Allocation (the 'Amount in each ward' columns), over the formulas.");
  row('Please do not', 'Rename or delete sheets, insert or delete columns, change refs or add lines (tell us about new lines separately). Sorting and filtering are fine.');
  row('Proxies and neighbourhoods', "You may try other proxy values or neighbourhood wards on Proxies to see their effect. Spendmap does not read them back: send us your source instead.");
  row('Send it back', 'Save the workbook as .xlsx and email it to whoever sent it. They will see each change you made, old and new, and accept or reject it; nothing changes until they do.');

  section('Data sources');
  for (const s of p.sources) row(s.dataset, `${s.publisher}. ${s.licence}. ${s.attribution}`);
  for (const x of model.proxies) row(`Proxy: ${x.name}`, `${x.label}: ${x.source}, ${x.year}`);

  section('Sheets');
  row(SHEETS.lines, 'The spend lines and every assumption; yellow cells are yours to change.');
  row(SHEETS.proxies, 'Ward proxy values and IMD scores used, S̄, and which wards make up each neighbourhood.');
  row(SHEETS.allocation, 'Each line in each ward, as formulas reading Lines and Proxies, with the working: weights, Σ weight and leftover pennies.');
  row(SHEETS.neighbourhood, spec.kind === 'partner' ? "Your totals in each neighbourhood: per head, influence-able share, confidence mix." : 'The neighbourhood: totals by partner and theme, per head, influence-able share, confidence mix, sensitivity range.');
  printSetup(ws, null);
}

// ----------------------------------------------------------------------------- Lines

function writeLines(ws: Ws, spec: PackSpec, layout: Layout): void {
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
    set('suggested', formula(`IF(OR(${b}="direct",${b}="site"),"green",IF(OR(${b}="population",${b}="even"),"red","amber"))`, suggestedConfidence(l.basis)), S.text);
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

// ----------------------------------------------------------------------------- Proxies

function writeProxies(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
  put(ws, 1, 1, `Ward proxies: ${model.project.ladName}`, S.title);
  put(ws, 2, 1, 'S̄, the population-weighted mean IMD score:', S.label);
  const pop = layout.populationRange();
  const imdCol = layout.proxyCol.get('imd_score');
  const imd = imdCol === undefined ? null : layout.proxiesRange(imdCol);
  put(
    ws,
    2,
    3,
    formula(pop && imd ? `IF(OR(COUNT(${pop})<${n},COUNT(${imd})<${n}),NA(),SUMPRODUCT(${pop},${imd})/SUM(${pop}))` : 'NA()', model.meanScore),
    S.weight,
  );
  const wb = ws.workbook;
  wb.definedNames.add(`${SHEETS.proxies}!$${PROXIES_MEAN_CELL.replace(/(\d+)/, '$$$1')}`, NAMES.meanScore);
  wb.definedNames.add(`${SHEETS.proxies}!$C$${PROXIES_HEADER_ROW}:${cellRef(layout.evenCol, PROXIES_HEADER_ROW, true, true)}`, NAMES.proxyNames);
  wb.definedNames.add(`${SHEETS.proxies}!$C$${PROXIES_FIRST_ROW}:${cellRef(layout.evenCol, layout.lastProxiesRow, true, true)}`, NAMES.proxyValues);
  put(ws, PROXIES_LABEL_ROW, 1, 'Ward', S.header);
  put(ws, PROXIES_LABEL_ROW, 2, null, S.header);
  put(ws, PROXIES_HEADER_ROW, 1, 'ward_code', S.header);
  put(ws, PROXIES_HEADER_ROW, 2, 'ward_name', S.header);
  model.proxies.forEach((p, i) => {
    put(ws, PROXIES_LABEL_ROW, 3 + i, p.label, S.headerRight);
    put(ws, PROXIES_HEADER_ROW, 3 + i, p.name, S.headerRight);
  });
  put(ws, PROXIES_LABEL_ROW, layout.evenCol, 'Even', S.headerRight);
  put(ws, PROXIES_HEADER_ROW, layout.evenCol, 'even', S.headerRight);
  spec.neighbourhoods.forEach(({ n: nb }, j) => {
    put(ws, PROXIES_LABEL_ROW, layout.flagCols[j]!, `In ${nb.name} (1 = yes)`, S.header);
    put(ws, PROXIES_HEADER_ROW, layout.flagCols[j]!, nb.name, S.header);
  });
  model.wards.forEach((w, k) => {
    const r = PROXIES_FIRST_ROW + k;
    const row = ws.getRow(r);
    row.getCell(1).value = w.code;
    row.getCell(1).style = S.text;
    row.getCell(2).value = w.name;
    row.getCell(2).style = S.text;
    model.proxies.forEach((p, i) => {
      const c = row.getCell(3 + i);
      c.value = p.values[k] ?? null;
      c.style = S.number;
    });
    row.getCell(layout.evenCol).value = 1;
    row.getCell(layout.evenCol).style = S.int;
    spec.neighbourhoods.forEach(({ n: nb }, j) => {
      const c = row.getCell(layout.flagCols[j]!);
      c.value = nb.wards.includes(w.code) ? 1 : 0;
      c.style = S.inFlag;
    });
  });
  const totalRow = layout.lastProxiesRow + 2;
  put(ws, totalRow, 2, 'Borough total', S.label);
  model.proxies.forEach((p, i) => {
    if (p.name === 'imd_score') return;
    const total = p.values.reduce<number>((s, v) => s + (v ?? 0), 0);
    put(ws, totalRow, 3 + i, formula(`SUM(${colLetter(3 + i)}${PROXIES_FIRST_ROW}:${colLetter(3 + i)}${layout.lastProxiesRow})`, total), S.number);
  });
  put(ws, totalRow + 2, 1, 'Missing values are blank: a line on a proxy with a blank ward is not allocated. Sources: see Read me.', S.note);
  if (spec.neighbourhoods.length)
    validations(ws).add(`${colLetter(layout.flagCols[0]!)}${PROXIES_FIRST_ROW}:${colLetter(layout.flagCols[layout.flagCols.length - 1]!)}${layout.lastProxiesRow}`, {
      type: 'whole',
      operator: 'between',
      formulae: [0, 1],
      allowBlank: false,
      showErrorMessage: true,
      errorTitle: 'Neighbourhood',
      error: '1 if the ward is in the neighbourhood, else 0.',
    });
  ws.getColumn(1).width = 12;
  ws.getColumn(2).width = fit(model.wards.map((w) => w.name), 16, 40);
  model.proxies.forEach((p, i) => (ws.getColumn(3 + i).width = fit([p.label, p.name], 12, 24)));
  ws.getColumn(layout.evenCol).width = 8;
  spec.neighbourhoods.forEach(({ n: nb }, j) => (ws.getColumn(layout.flagCols[j]!).width = fit([nb.name], 12, 24)));
  ws.getRow(PROXIES_LABEL_ROW).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: PROXIES_HEADER_ROW, topLeftCell: cellRef(3, PROXIES_FIRST_ROW), activeCell: 'A1' }];
  printSetup(ws, `${PROXIES_LABEL_ROW}:${PROXIES_HEADER_ROW}`, 'A:B');
}

// ----------------------------------------------------------------------------- Allocation

function writeAllocation(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
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
function fixedSensitivity(set: (col: number, value: Value, style: Style) => void, layout: Layout, r: number, p: PackLine, spec: PackSpec): void {
  if (layout.lowCol === null || layout.highCol === null || !spec.neighbourhoods.length) return;
  const nb = cellRef(layout.nbCols[0]!, r);
  const pence = p.neighbourhoods[spec.neighbourhoods[0]!.index]?.pence ?? 0;
  set(layout.lowCol, formula(nb, pounds(pence)), S.money);
  set(layout.highCol, formula(nb, pounds(pence)), S.money);
}

// ----------------------------------------------------------------------------- Neighbourhood sheets

/** Formulas for neighbourhood figures over the Allocation sheet's rows. */
class Figures {
  constructor(
    readonly layout: Layout,
    readonly model: PackModel,
  ) {}

  col(key: keyof typeof AC): string {
    return this.layout.allocRange(AC[key]);
  }

  nb(j: number): string {
    return this.layout.allocRange(this.layout.nbCols[j]!);
  }

  /** Σ population over the neighbourhood's wards; #N/A when a ward has none. */
  population(j: number): string {
    const pop = this.layout.populationRange();
    const flags = this.layout.proxiesRange(this.layout.flagCols[j]!);
    return pop ? `IF(SUMPRODUCT(--(${pop}=""),${flags})>0,NA(),SUMPRODUCT(${pop},${flags}))` : 'NA()';
  }

  boroughPopulation(): string {
    const pop = this.layout.populationRange();
    return pop ? `IF(COUNT(${pop})<${this.layout.n},NA(),SUM(${pop}))` : 'NA()';
  }

  /** Pounds per head to the penny, half up, on whole pence: ROUND(pence ÷ population) ÷ 100. */
  perHead(totalCell: string, populationCell: string): string {
    return `IF(ISNUMBER(${populationCell}),IF(${populationCell}>0,ROUND(ROUND(${totalCell}*100,0)/${populationCell},0)/100,""),"")`;
  }

  /** Σ pence × % ÷ 100, rounded once: in whole pence × (% × scale), so Excel adds integers exactly. */
  influence(j: number, where = ''): string {
    const s = this.model.pctScale;
    return `ROUND(SUMPRODUCT(${where}ROUND(${this.nb(j)}*100,0)*ROUND(${this.col('pct')}*${s},0))/${100 * s},0)/100`;
  }
}

function tableHeader(ws: Ws, r: number, headers: string[], rightFrom: number): void {
  headers.forEach((h, i) => put(ws, r, i + 1, h, i >= rightFrom ? S.headerRight : S.header));
}

function partnerFigures(model: PackModel, spec: PackSpec, index: number) {
  const d = model.neighbourhoods[index]!.detail;
  const p = d.partners.find((x) => x.partner === spec.subject);
  const mix = { green: 0, amber: 0, red: 0 };
  for (const l of spec.lines) {
    const f = l.neighbourhoods[index];
    if (f) mix[confidenceOf(l.line.confidence)] += f.pence;
  }
  return { d, p, mix };
}

function writePartnerNeighbourhoods(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
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
    const moneyBlock = `${SHEETS.allocation}!${cellRef(layout.money, layout.firstRow, true, true)}:${cellRef(layout.money + layout.n - 1, layout.lastRow, true, true)}`;
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

function writeNeighbourhoodSummary(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
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
  fig('boroughTotal', 'Borough total of allocated lines (£)', formula(`SUMPRODUCT(${F.col('allocated')},${F.col('amountPence')})/100`, pounds(s.borough_total_pence)), S.money, 'Σ of the amounts of the lines allocated to wards.');
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
  fig('low', 'Sensitivity low (£)', formula(`SUM(${layout.allocRange(layout.lowCol!)})`, pounds(s.sensitivity.low_pence)), S.money, d.explain.sensitivity);
  fig('high', 'Sensitivity high (£)', formula(`SUM(${layout.allocRange(layout.highCol!)})`, pounds(s.sensitivity.high_pence)), S.money, undefined);
  fig('unallocated', 'Lines not allocated', formula(`COUNTIF(${F.col('allocated')},0)`, s.unallocated.length), S.count, d.explain.unallocated);
  fig('focus', '80:20 focus lines', s.focus_refs.length ? `${s.focus_refs.length}: ${s.focus_refs.join(', ')}` : 'none', S.textWrap, d.explain.focus_refs);

  r += 1;
  put(ws, r++, 1, 'By partner', S.section);
  tableHeader(ws, r++, ['Partner', 'Type', 'Total (£)', 'Borough total (£)', 'Influence-able (£)', 'Per head (£)', 'Borough per head (£)', 'Sensitivity low (£)', 'Sensitivity high (£)'], 2);
  const partnerCol = F.col('partner');
  for (const p of d.partners) {
    const c = (k: number) => cellRef(k, r);
    const where = `(${partnerCol}=$A${r})*`;
    put(ws, r, 1, p.partner, S.text);
    put(ws, r, 2, p.type, S.text);
    put(ws, r, 3, formula(`SUMPRODUCT(${where}${F.nb(0)})`, pounds(p.totalPence)), S.money);
    put(ws, r, 4, formula(`SUMPRODUCT(${where}${F.col('allocated')}*(${F.col('amountPence')}+${F.col('difference')}))/100`, pounds(p.boroughPence)), S.money);
    put(ws, r, 5, formula(F.influence(0, where), pounds(p.influenceablePence)), S.money);
    put(ws, r, 6, formula(F.perHead(c(3), `$B$${rows.get('population')}`), perHeadCached(p.totalPence, s.population)), S.money);
    put(ws, r, 7, formula(F.perHead(c(4), `$B$${rows.get('boroughPopulation')}`), perHeadCached(p.boroughPence, s.borough_population)), S.money);
    put(ws, r, 8, formula(`SUMPRODUCT(${where}${layout.allocRange(layout.lowCol!)})`, pounds(p.lowPence)), S.money);
    put(ws, r, 9, formula(`SUMPRODUCT(${where}${layout.allocRange(layout.highCol!)})`, pounds(p.highPence)), S.money);
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
  for (let c = 3; c <= 9; c++) ws.getColumn(c).width = 18;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: HR, topLeftCell: cellRef(1, HR + 1), activeCell: 'A1' }];
  printSetup(ws, `${HR}:${HR}`);
}
