// The Working sheet: the largest-remainder rounding of each formula line, one short step
// per column, on the same row as the line on Allocation. Blocks of one column per ward,
// in Allocation's order (the neighbourhoods' wards first): weight, exact share, whole
// pence, remainder, rank, extra penny. Row 5 above Rank numbers the wards in code order:
// the row of a ward's proxy values, and the order a tie goes in (to the lower code).
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
import type { PackModel } from '../model';
import { S, tinted } from '../styles';
import { columnLetters, Fills, formula, printSetup, put, type PackSpec, type Style, type Ws } from './cells';
import type { Layout } from './positions';

const TITLES: Record<WorkingBlock, string> = {
  weight: `Weight = proxy value (the ward's row in Proxies: row ${ALLOCATION_RATIO_ROW} above Rank) × (1 + β × (S ÷ S̄ − 1)); row ${ALLOCATION_RATIO_ROW}: S ÷ S̄ − 1 of each ward`,
  exact: 'Exact share (pence) = amount × weight ÷ Σ weight',
  whole: 'Whole pence of the exact share',
  remainder: 'Remainder = MOD(amount × weight, Σ weight): the fraction of a penny, × Σ weight (exact in Excel)',
  rank: `Rank of the remainder (1 = largest; ties to the lower ward code); row ${ALLOCATION_RATIO_ROW}: each ward's place in code order`,
  extra: 'Extra penny (1 when the rank is within the leftover pennies)',
};

const STYLE: Record<WorkingBlock, Style> = {
  weight: S.weight,
  exact: S.weight,
  whole: S.count,
  remainder: S.weight,
  rank: S.int,
  extra: S.int,
};

/** The j-th ward column of a block of the Working sheet (wards in Layout.shown order). */
export const workingColumn = (block: WorkingBlock, n: number, j: number) => workingBlockColumn(block, n) + j;

export function writeWorking(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
  const tint = (j: number, style: Style) => (layout.inNeighbourhood.has(layout.shown[j]!) ? tinted(style) : style);
  const H = layout.headerRow;
  put(ws, 1, 1, `Working: rounding each line to the penny (${spec.subject})`, S.title);
  put(
    ws,
    2,
    1,
    'Each ward gets the whole pence of its exact share; the leftover pennies go one each to the largest remainders, ties to the lower ward code. Allocation shows whole pence + extra penny, in pounds.',
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
    layout.shown.forEach((k, j) => {
      const w = model.wards[k]!;
      put(ws, ALLOCATION_WARD_NAME_ROW, start + j, w.name, tint(j, S.textMuted));
      put(ws, H, start + j, w.code, tint(j, S.headerRight));
      ws.getColumn(start + j).width = block === 'rank' || block === 'extra' ? 7 : 14;
    });
  }
  const imdCol = layout.proxyCol.get('imd_score');
  const scores = model.imdScore >= 0 ? model.proxies[model.imdScore]!.values : [];
  layout.shown.forEach((k, j) => {
    const s = scores[k];
    const ratio = s === null || s === undefined || model.meanScore === null ? null : s / model.meanScore - 1;
    const f = imdCol === undefined ? 'NA()' : `${SHEETS.proxies}!${cellRef(imdCol, PROXIES_FIRST_ROW + k, true, true)}/${NAMES.meanScore}-1`;
    put(ws, ALLOCATION_RATIO_ROW, workingColumn('weight', n, j), formula(f, ratio), tint(j, S.fraction));
    // The ward's place in code order: its row in Proxies, and the order ties go in.
    put(ws, ALLOCATION_RATIO_ROW, workingColumn('rank', n, j), k + 1, tint(j, S.int));
  });

  const col = columnLetters();
  const styles = Object.fromEntries(WORKING_BLOCKS.map((b) => [b, layout.shown.map((_, j) => tint(j, STYLE[b]))])) as Record<WorkingBlock, Style[]>;
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
    set(WC.beta, formula(alloc('beta', r), l.beta), S.beta);
    set(WC.siteWard, formula(alloc('siteWard', r), l.siteWard ?? ''), S.text);
    // 0 for site: its weights do not come from a proxy column.
    const proxyColumn = l.basis === 'site' ? 0 : (layout.proxyCol.get(l.basis) ?? layout.evenCol) - 2;
    const basis = w('basis');
    set(WC.proxyColumn, formula(`IF(OR(${basis}="site",${basis}="direct"),0,MATCH(${basis},${NAMES.proxyNames},0))`, proxyColumn), S.int);
    const J = w('proxyColumn');
    set(WC.wardsWithValue, formula(`IF(${J}=0,${n},COUNT(INDEX(${NAMES.proxyValues},0,${J})))`, n), S.int);
    const weights = block('weight');
    set(WC.sumWeight, formula(`IF(${w('wardsWithValue')}<${n},NA(),IF(SUM(${weights})>0,SUM(${weights}),NA()))`, e.sumWeight), S.weight);
    set(WC.leftover, formula(`ROUND(SUM(${block('remainder')})/${w('sumWeight')},0)`, e.leftover), S.int);
    const A = w('amountPence');
    const W = w('sumWeight');
    const beta = w('beta');
    // One formula per block, filled across the ward columns and down the lines that
    // follow (Fills): stored once, so a pack of thousands of lines stays small.
    const k0 = (b: WorkingBlock) => `${col(workingBlockColumn(b, n))}${r}`;
    const t = `${A}*${k0('weight')}`;
    const rem = block('remainder');
    const order = `$${col(workingBlockColumn('rank', n))}$${ALLOCATION_RATIO_ROW}:$${col(workingBlockColumn('rank', n) + n - 1)}$${ALLOCATION_RATIO_ROW}`;
    const above = (b: WorkingBlock) => `${col(workingBlockColumn(b, n))}$${ALLOCATION_RATIO_ROW}`;
    const master: Record<WorkingBlock, string> = {
      weight: `IF(${J},INDEX(${NAMES.proxyValues},${above('rank')},${J})*IF(${beta}=0,1,1+${beta}*${above('weight')}),--(${col(workingBlockColumn('weight', n))}$${H}=${w('siteWard')}))`,
      exact: `${t}/${W}`,
      remainder: `MOD(${t}-INT(${t}/${W})*${W},${W})`,
      whole: `ROUND((${t}-${k0('remainder')})/${W},0)`,
      // Larger remainders, plus equal ones at lower ward codes (row 5: place in code order) and itself.
      rank: `SUMPRODUCT((${rem}>${k0('remainder')})+(${rem}=${k0('remainder')})*(${order}<=${above('rank')}))`,
      extra: `IF(${k0('rank')}<=${w('leftover')},1,0)`,
    };
    const results: Record<WorkingBlock, number[]> = {
      weight: e.weights,
      exact: e.exact,
      remainder: e.remainders,
      whole: e.whole,
      rank: e.ranks,
      extra: e.ranks.map((x) => (x <= e.leftover ? 1 : 0)),
    };
    for (const b of WORKING_BLOCKS) {
      // Exact shares and remainders are written without a cached result (doubles of 17
      // digits, a third of a pack's size): Excel and LibreOffice work them out on opening.
      const cache = b !== 'exact' && b !== 'remainder';
      fills.put(ws, r, workingBlockColumn(b, n), master[b], layout.shown.map((k) => (cache ? results[b][k]! : undefined)), styles[b], `block:${b}`);
    }
  });
  ws.getRow(H).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: H, topLeftCell: cellRef(2, layout.firstRow), activeCell: 'A1' }];
  printSetup(ws, `${ALLOCATION_BLOCK_ROW}:${H}`, 'A:A');
}
