// The Proxies sheet: ward proxy values, S̄, and each neighbourhood's wards.
import { cellRef, colLetter, NAMES, PROXIES_FIRST_ROW, PROXIES_HEADER_ROW, PROXIES_LABEL_ROW, PROXIES_MEAN_CELL, SHEETS } from '../layout';
import { ratioOf, type PackModel } from '../model';
import { S } from '../styles';
import { fit, formula, printSetup, put, validations, type PackSpec, type Ws } from './cells';
import { RANGE, type Layout } from './positions';
import type { Style } from './cells';

export function writeProxies(ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
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
    formula(pop && imd ? `IF(COUNT(${RANGE.population},${RANGE.imd})<${2 * n},NA(),SUMPRODUCT(${RANGE.population},${RANGE.imd})/SUM(${RANGE.population}))` : 'NA()', model.meanScore),
    S.weight,
  );
  const wb = ws.workbook;
  wb.definedNames.add(`${SHEETS.proxies}!$${PROXIES_MEAN_CELL.replace(/(\d+)/, '$$$1')}`, NAMES.meanScore);
  wb.definedNames.add(`${SHEETS.proxies}!$C$${PROXIES_HEADER_ROW}:${cellRef(layout.lastBasisCol, PROXIES_HEADER_ROW, true, true)}`, NAMES.proxyNames);
  wb.definedNames.add(`${SHEETS.proxies}!$C$${PROXIES_FIRST_ROW}:${cellRef(layout.lastBasisCol, layout.lastProxiesRow, true, true)}`, NAMES.proxyValues);
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
  const site = layout.siteCol;
  if (site !== null)
    model.wards.forEach((w, k) => {
      put(ws, PROXIES_LABEL_ROW, site + k, `Site: ${w.name}`, S.headerRight);
      put(ws, PROXIES_HEADER_ROW, site + k, w.code, S.headerRight);
    });
  const ratioCol = layout.ratioCol;
  if (ratioCol !== null) {
    put(ws, PROXIES_LABEL_ROW, ratioCol, 'S ÷ S̄ − 1 (deprivation ratio)', S.headerRight);
    put(ws, PROXIES_HEADER_ROW, ratioCol, 'ratio', S.headerRight);
  }
  spec.neighbourhoods.forEach(({ n: nb }, j) => {
    put(ws, PROXIES_LABEL_ROW, layout.flagCols[j]!, `In ${nb.name} (1 = yes)`, S.header);
    put(ws, PROXIES_HEADER_ROW, layout.flagCols[j]!, nb.name, S.header);
  });
  const formats = model.proxies.map((p) => proxyStyle(p.values));
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
      c.style = formats[i]!;
    });
    row.getCell(layout.evenCol).value = 1;
    row.getCell(layout.evenCol).style = S.int;
    if (site !== null)
      for (let v = 0; v < n; v++) {
        row.getCell(site + v).value = v === k ? 1 : 0;
        row.getCell(site + v).style = S.int;
      }
    if (ratioCol !== null) {
      // #N/A without S̄ or S: a line with β > 0 then has no Σ weight (Working).
      const s = imdCol === undefined ? null : model.proxies[model.imdScore]!.values[k];
      const ratio = ratioOf(s, model.meanScore);
      const f = imdCol === undefined ? 'NA()' : `${cellRef(imdCol, r)}/${NAMES.meanScore}-1`;
      row.getCell(ratioCol).value = formula(f, ratio);
      row.getCell(ratioCol).style = S.fraction;
    }
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
    const range = `${colLetter(3 + i)}${PROXIES_FIRST_ROW}:${colLetter(3 + i)}${layout.lastProxiesRow}`;
    if (p.name === 'population') {
      // The borough's population: #N/A while a ward has none (per head needs every ward's).
      const complete = p.values.every((v) => v !== null);
      put(ws, totalRow, 3 + i, formula(`IF(COUNT(${range})<${n},NA(),SUM(${range}))`, complete ? total : null), formats[i]!);
      wb.definedNames.add(`${SHEETS.proxies}!${cellRef(3 + i, totalRow, true, true)}`, RANGE.boroughPopulation);
    } else put(ws, totalRow, 3 + i, formula(`SUM(${range})`, total), formats[i]!);
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
  if (ratioCol !== null) ws.getColumn(ratioCol).width = 12;
  if (site !== null) for (let k = 0; k < n; k++) ws.getColumn(site + k).width = 12;
  spec.neighbourhoods.forEach(({ n: nb }, j) => (ws.getColumn(layout.flagCols[j]!).width = fit([nb.name], 12, 24)));
  ws.getRow(PROXIES_LABEL_ROW).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: PROXIES_HEADER_ROW, topLeftCell: cellRef(3, PROXIES_FIRST_ROW), activeCell: 'A1' }];
  printSetup(ws, `${PROXIES_LABEL_ROW}:${PROXIES_HEADER_ROW}`, 'A:B');
}


/** Whole numbers with thousands separators; decimals to at most 3 places (never 15). */
function proxyStyle(values: readonly (number | null)[]): Style {
  return values.every((v) => v === null || Number.isInteger(v)) ? S.count : S.proxyDecimal;
}
