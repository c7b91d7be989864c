// The Working sheet: the largest-remainder rounding of each formula line, one short step
// per column, on the same row as the line on Allocation. Blocks of one column per ward
// (code order, so "ties to the lower ward code" is "ties to the column further left"):
// weight, exact share, whole pence, remainder, rank, extra penny.
import {
  AC,
  ALLOCATION_BLOCK_ROW,
  ALLOCATION_RATIO_ROW,
  ALLOCATION_WARD_NAME_ROW,
  cellRef,
  colLetter,
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
import { S } from '../styles';
import { formula, printSetup, put, type PackSpec, type Style, type Value, type Ws } from './cells';
import type { Layout } from './positions';

const TITLES: Record<WorkingBlock, string> = {
  weight: `Weight = proxy value × (1 + β × (S ÷ S̄ − 1)); row ${ALLOCATION_RATIO_ROW}: S ÷ S̄ − 1 of each ward`,
  exact: 'Exact share (pence) = amount × weight ÷ Σ weight',
  whole: 'Whole pence of the exact share',
  remainder: 'Remainder = MOD(amount × weight, Σ weight): the fraction of a penny, × Σ weight (exact in Excel)',
  rank: 'Rank of the remainder (1 = largest; ties to the lower ward code)',
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

/** Column of a ward in a block of the Working sheet. */
export const workingColumn = (block: WorkingBlock, n: number, k: number) => workingBlockColumn(block, n) + k;

export function writeWorking(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const n = layout.n;
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
    model.wards.forEach((w, k) => {
      put(ws, ALLOCATION_WARD_NAME_ROW, start + k, w.name, S.textMuted);
      put(ws, H, start + k, w.code, S.headerRight);
      ws.getColumn(start + k).width = block === 'rank' || block === 'extra' ? 7 : 14;
    });
  }
  const imdCol = layout.proxyCol.get('imd_score');
  const scores = model.imdScore >= 0 ? model.proxies[model.imdScore]!.values : [];
  model.wards.forEach((_, k) => {
    const s = scores[k];
    const ratio = s === null || s === undefined || model.meanScore === null ? null : s / model.meanScore - 1;
    const f = imdCol === undefined ? 'NA()' : `${SHEETS.proxies}!${cellRef(imdCol, PROXIES_FIRST_ROW + k, true, true)}/${NAMES.meanScore}-1`;
    put(ws, ALLOCATION_RATIO_ROW, workingColumn('weight', n, k), formula(f, ratio), S.fraction);
  });

  const letters = new Map<number, string>();
  const col = (c: number) => {
    let s = letters.get(c);
    if (s === undefined) letters.set(c, (s = colLetter(c)));
    return s;
  };
  const alloc = (key: keyof typeof AC, r: number) => `${SHEETS.allocation}!$${col(AC[key])}${r}`;
  spec.lines.forEach((p, i) => {
    const e = p.emulated;
    if (!e || !p.amounts || p.line.basis === 'direct') return;
    const r = layout.firstRow + i;
    const l = p.line;
    const row = ws.getRow(r);
    const set = (c: number, value: Value, style: Style) => {
      const cell = row.getCell(c);
      cell.value = value;
      cell.style = style;
    };
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
    for (let k = 0; k < n; k++) {
      const at = (b: WorkingBlock) => `${col(workingColumn(b, n, k))}${r}`;
      const wc = col(workingColumn('weight', n, k));
      set(
        workingColumn('weight', n, k),
        formula(`IF(${J}=0,--(${wc}$${H}=${w('siteWard')}),INDEX(${NAMES.proxyValues},${k + 1},${J})*IF(${beta}=0,1,1+${beta}*${wc}$${ALLOCATION_RATIO_ROW}))`, e.weights[k]!),
        STYLE.weight,
      );
      const t = `${A}*${at('weight')}`;
      set(workingColumn('exact', n, k), formula(`${t}/${W}`, e.exact[k]!), STYLE.exact);
      set(workingColumn('remainder', n, k), formula(`MOD(${t}-INT(${t}/${W})*${W},${W})`, e.remainders[k]!), STYLE.remainder);
      set(workingColumn('whole', n, k), formula(`ROUND((${t}-${at('remainder')})/${W},0)`, e.whole[k]!), STYLE.whole);
      const rem = block('remainder');
      const first = `$${col(workingBlockColumn('remainder', n))}${r}`;
      // Larger remainders, plus equal ones at lower ward codes (to the left) and itself.
      set(
        workingColumn('rank', n, k),
        formula(`SUMPRODUCT(--(${rem}>${at('remainder')}))+SUMPRODUCT(--(${first}:${at('remainder')}=${at('remainder')}))`, e.ranks[k]!),
        STYLE.rank,
      );
      set(workingColumn('extra', n, k), formula(`IF(${at('rank')}<=${w('leftover')},1,0)`, e.ranks[k]! <= e.leftover ? 1 : 0), STYLE.extra);
    }
  });
  ws.getRow(H).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: H, topLeftCell: cellRef(2, layout.firstRow), activeCell: 'A1' }];
  printSetup(ws, `${ALLOCATION_BLOCK_ROW}:${H}`, 'A:A');
}
