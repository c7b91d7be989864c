// The Working sheet: the largest-remainder rounding of each formula line, one short step
// per column, on the same row as the line on Allocation. Blocks of one column per ward,
// in code order (the order ties go in): exact share, whole pence, remainder, rank (shaded
// where it takes one of the leftover pennies: the extra penny). Row 5 holds each ward's
// S ÷ S̄ − 1 above Exact share, and its place in code order (the row of its proxy values)
// above Rank. A ward's weight, proxy × (1 + β × (S ÷ S̄ − 1)),
// is written inside the two steps that need it, and the extra penny is the shading of
// Rank, rather than blocks of their own: a block is 2,500 × 20 formulas in a partner pack,
// and each costs LibreOffice about a second to open (docs/method.md, "Packs").
import {
  AC,
  ALLOCATION_BLOCK_ROW,
  ALLOCATION_RATIO_ROW,
  ALLOCATION_WARD_NAME_ROW,
  cellRef,
  NAMES,
  PROXIES_FIRST_ROW,
  SHEETS,
  WC,
  WORKING_BLOCKS,
  WORKING_COLUMNS,
  workingBlockColumn,
  type WorkingBlock,
} from '../layout';
import { ratioOf, type PackModel } from '../model';
import { EXTRA_PENNY, S, tinted } from '../styles';
import { columnLetters, Fills, formula, printSetup, put, type PackSpec, type Style, type Ws } from './cells';
import type { Layout } from './positions';

const TITLES: Record<WorkingBlock, string> = {
  exact: `Exact share (pence) = amount × weight ÷ Σ weight, weight = proxy × (1 + β × (S ÷ S̄ − 1)); row ${ALLOCATION_RATIO_ROW}: S ÷ S̄ − 1 of each ward`,
  whole: 'Whole pence of the exact share',
  remainder: 'Remainder = MOD(amount × weight − whole pence × Σ weight, Σ weight): the fraction of a penny, × Σ weight (exact in Excel)',
  rank: `Rank of the remainder: 1 + larger ones to the right + larger or equal ones to the left (ties to the lower ward code). Shaded: rank ≤ leftover pennies, so the ward gets an extra penny. Row ${ALLOCATION_RATIO_ROW}: each ward's place in code order`,
};

const STYLE: Record<WorkingBlock, Style> = {
  exact: S.weight,
  whole: S.count,
  remainder: S.weight,
  rank: S.int,
};

/** The column of ward k (code order) in a block of the Working sheet. */
export const workingColumn = (block: WorkingBlock, n: number, k: number) => workingBlockColumn(block, n) + k;

export function writeWorking(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
  const wards = model.wards.map((_, k) => k);
  const tint = (k: number, style: Style) => (layout.inNeighbourhood.has(k) ? tinted(style) : style);
  const H = layout.headerRow;
  put(ws, 1, 1, `Working: rounding each line to the penny (${spec.subject})`, S.title);
  put(
    ws,
    2,
    1,
    'Each ward gets the whole pence of its exact share; the leftover pennies go one each to the largest remainders, ties to the lower ward code (wards are in code order here). Allocation shows whole pence + extra penny, in pounds.',
    S.note,
  );
  WORKING_COLUMNS.forEach((c, i) => {
    put(ws, H, i + 1, c.header, S.header);
    ws.getColumn(i + 1).width = c.width;
  });
  for (const block of WORKING_BLOCKS) {
    const start = workingBlockColumn(block, n);
    put(ws, ALLOCATION_BLOCK_ROW, start, TITLES[block], S.block);
    for (let k = 1; k < n; k++) ws.getCell(ALLOCATION_BLOCK_ROW, start + k).style = S.block;
    for (const k of wards) {
      const w = model.wards[k]!;
      put(ws, ALLOCATION_WARD_NAME_ROW, start + k, w.name, tint(k, S.textMuted));
      put(ws, H, start + k, w.code, tint(k, S.headerRight));
      ws.getColumn(start + k).width = block === 'rank' ? 7 : 14;
    }
  }
  const scores = model.imdScore >= 0 ? model.proxies[model.imdScore]!.values : [];
  for (const k of wards) {
    // Proxies' ratio, or 0 where it is #N/A: a β = 0 weight is then still the proxy, and a
    // line with β > 0 gets #N/A from its Σ weight (which reads Ratio itself).
    const ratio = ratioOf(scores[k], model.meanScore);
    const f = `IFERROR(${SHEETS.proxies}!${cellRef(layout.ratioCol!, PROXIES_FIRST_ROW + k, true, true)},0)`;
    put(ws, ALLOCATION_RATIO_ROW, workingColumn('exact', n, k), formula(f, ratio ?? 0), tint(k, S.fraction));
    // The ward's place in code order: its row in Proxies, and the order ties go in.
    put(ws, ALLOCATION_RATIO_ROW, workingColumn('rank', n, k), k + 1, tint(k, S.int));
  }

  const col = columnLetters();
  const styles = Object.fromEntries(WORKING_BLOCKS.map((b) => [b, wards.map((k) => tint(k, STYLE[b]))])) as Record<WorkingBlock, Style[]>;
  const alloc = (key: keyof typeof AC, r: number) => `${SHEETS.allocation}!$${col(AC[key])}${r}`;
  const fills = new Fills();
  spec.lines.forEach((p, i) => {
    const e = p.emulated;
    if (!e || !p.amounts || p.line.basis === 'direct') return;
    const r = layout.firstRow + i;
    const l = p.line;
    const set = fills.row(ws, r);
    const w = (key: keyof typeof WC) => `$${col(WC[key])}${r}`;
    const block = (b: WorkingBlock) => `$${col(workingBlockColumn(b, n))}${r}:$${col(workingBlockColumn(b, n) + n - 1)}${r}`;
    set(WC.ref, l.ref, S.text);
    set(WC.amountPence, formula(`ROUND(${alloc('amount', r)}*100,0)`, l.amountPence), S.count);
    set(WC.basis, formula(alloc('basis', r), l.basis), S.text);
    // A site line's β is not used: its one ward gets the whole amount.
    set(WC.beta, formula(`IF(${w('basis')}="site",0,${alloc('beta', r)})`, l.basis === 'site' ? 0 : l.beta), S.beta);
    set(WC.siteWard, formula(alloc('siteWard', r), l.siteWard ?? ''), S.text);
    // The basis's column in ProxyValues; a site line's is its ward's site column (named by the code).
    const proxyColumn = (l.basis === 'site' ? layout.siteCol! + model.wards.findIndex((x) => x.code === l.siteWard) : (layout.proxyCol.get(l.basis) ?? layout.evenCol)) - 2;
    const basis = w('basis');
    set(WC.proxyColumn, formula(`IF(${basis}="direct",0,MATCH(IF(${basis}="site",${w('siteWard')},${basis}),${NAMES.proxyNames},0))`, proxyColumn), S.int);
    const J = w('proxyColumn');
    const values = `INDEX(${NAMES.proxyValues},0,${J})`;
    set(WC.wardsWithValue, formula(`COUNT(${values})`, n), S.int);
    set(WC.sumProxy, formula(`IF(${w('wardsWithValue')}<${n},NA(),SUM(${values}))`, e.sumProxy), S.weight);
    const beta = w('beta');
    set(WC.sumWeight, formula(`IF(${beta},${w('sumProxy')}+${beta}*SUMPRODUCT(${values},${NAMES.ratio}),${w('sumProxy')})`, e.sumWeight), S.weight);
    set(WC.leftover, formula(`ROUND(SUM(${block('remainder')})/${w('sumWeight')},0)`, e.leftover), S.int);
    const A = w('amountPence');
    const W = w('sumWeight');
    // One formula per block, filled across the ward columns and down the lines that
    // follow (Fills): stored once, so a pack of thousands of lines stays small.
    const k0 = (b: WorkingBlock) => `${col(workingBlockColumn(b, n))}${r}`;
    const above = (b: WorkingBlock) => `${col(workingBlockColumn(b, n))}$${ALLOCATION_RATIO_ROW}`;
    const weight = `(INDEX(${NAMES.proxyValues},${above('rank')},${J})*(1+${beta}*${above('exact')}))`;
    const first = (b: WorkingBlock) => `$${col(workingBlockColumn(b, n))}${r}`;
    const master: Record<WorkingBlock, string> = {
      exact: `${A}*${weight}/${W}`,
      whole: `ROUND(${k0('exact')}-${k0('remainder')}/${W},0)`,
      remainder: `MOD(${A}*${weight}-INT(${k0('exact')})*${W},${W})`,
      // 1 + larger remainders at or after this ward + larger or equal ones before it.
      rank: `RANK(${k0('remainder')},${k0('remainder')}:$${col(workingBlockColumn('remainder', n) + n - 1)}${r})+${above('rank')}-RANK(${k0('remainder')},${first('remainder')}:${k0('remainder')},1)`,
    };
    const results: Record<WorkingBlock, number[]> = {
      exact: e.exact,
      remainder: e.remainders,
      whole: e.whole,
      rank: e.ranks,
    };
    for (const b of WORKING_BLOCKS) {
      // Exact shares and remainders are written without a cached result (doubles of 17
      // digits, a third of a pack's size): Excel and LibreOffice work them out on opening.
      const cache = b !== 'exact' && b !== 'remainder';
      fills.put(ws, r, workingBlockColumn(b, n), master[b], wards.map((k) => (cache ? results[b][k]! : undefined)), styles[b], `block:${b}`);
    }
  });
  // The extra penny: a rank within the line's leftover pennies.
  const rank = workingBlockColumn('rank', n);
  ws.addConditionalFormatting({
    ref: `${cellRef(rank, layout.firstRow)}:${cellRef(rank + n - 1, layout.lastRow)}`,
    rules: [{ type: 'expression', priority: 1, formulae: [`AND(ISNUMBER(${cellRef(rank, layout.firstRow)}),${cellRef(rank, layout.firstRow)}<=${cellRef(WC.leftover, layout.firstRow, true)})`], style: EXTRA_PENNY }],
  });
  ws.getRow(H).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: H, topLeftCell: cellRef(2, layout.firstRow), activeCell: 'A1' }];
  printSetup(ws, `${ALLOCATION_BLOCK_ROW}:${H}`, 'A:A');
}
