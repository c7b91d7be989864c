// The Proxies sheet: ward proxy values, S̄, and each neighbourhood's wards.
import { cellRef, colLetter, NAMES, PROXIES_FIRST_ROW, PROXIES_HEADER_ROW, PROXIES_LABEL_ROW, PROXIES_MEAN_CELL, SHEETS } from '../layout';
import type { PackModel } from '../model';
import { S } from '../styles';
import { fit, formula, printSetup, put, validations, type PackSpec, type Ws } from './cells';
import type { Layout } from './positions';

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

