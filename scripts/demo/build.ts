// Builds resources/demo/kingston-council-2023-24.csv, the demo project's council
// lines, from Kingston upon Thames's real 2023-24 Revenue Outturn (RSX, £ thousand)
// in ../shared/data/finance. The assumptions (basis, β, discretionary %) are ours.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { TEMPLATE_COLUMNS } from '../../shared/domain/types';

export const DEMO_LAD = 'E09000021';
const RSX_FILE = 'finance/RSX_2023-24_data_by_LA.csv';

interface Assumption {
  ref: string;
  service: string;
  basis: string;
  beta: string;
  pct: string;
  themes: string;
}

/** RSX service (heading before " - Net Current Expenditure") → the demo's assumptions. */
const SERVICES: Record<string, Assumption> = {
  'Education services': { ref: 'KC-EDU', service: 'Education services', basis: 'children_0_15', beta: '0.3', pct: '5', themes: 'Children and young people;Education' },
  'Highways and transport services': { ref: 'KC-HWY', service: 'Highways and transport services', basis: 'population', beta: '0', pct: '15', themes: 'Place' },
  'Children Social Care': { ref: 'KC-CSC', service: "Children's social care", basis: 'children_0_15', beta: '1', pct: '5', themes: 'Children and young people;Safeguarding' },
  'Adult Social Care': { ref: 'KC-ASC', service: 'Adult social care', basis: 'older_60_plus', beta: '0.5', pct: '5', themes: 'Health and care;Older people' },
  'Public Health': { ref: 'KC-PH', service: 'Public health', basis: 'income_deprived', beta: '0', pct: '10', themes: 'Health and care' },
  'Housing services (GFRA only)': { ref: 'KC-HSG', service: 'Housing services (general fund)', basis: 'income_deprived', beta: '0.5', pct: '10', themes: 'Housing' },
  'Cultural and related services': { ref: 'KC-CUL', service: 'Cultural and related services', basis: 'population', beta: '0', pct: '30', themes: 'Place;Community' },
  'Environmental and regulatory services': { ref: 'KC-ENV', service: 'Environmental and regulatory services', basis: 'population', beta: '0', pct: '15', themes: 'Place' },
  'Planning and development services': { ref: 'KC-PLN', service: 'Planning and development services', basis: 'even', beta: '0', pct: '20', themes: 'Place;Economy' },
  'Central services': { ref: 'KC-CEN', service: 'Central services', basis: 'population', beta: '0', pct: '5', themes: 'Corporate' },
};

export function buildCouncilCsv(dataDir: string): string {
  const text = readFileSync(`${dataDir}/${RSX_FILE}`, 'utf8').replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const headerIndex = rows.findIndex((r) => r[0] === 'E-code' && r[1] === 'ONS Code');
  const header = rows[headerIndex]!;
  const la = rows.find((r) => r[1] === DEMO_LAD);
  if (!la) throw new Error(`${RSX_FILE}: no row for ${DEMO_LAD}`);
  const out: string[][] = [[...TEMPLATE_COLUMNS]];
  header.forEach((h, i) => {
    const m = /^(.*?)\s*-\s*Net Current Expenditure/s.exec(h);
    if (!m) return;
    const a = SERVICES[m[1]!.trim()];
    if (!a) return; // police, fire, other and the total are not council services here
    const thousands = la[i]!.replace(/,/g, '');
    if (!/^\d+$/.test(thousands) || thousands === '0') return;
    out.push([
      a.ref,
      'Royal Borough of Kingston upon Thames',
      'council',
      a.service,
      `Net current expenditure, Revenue Outturn 2023-24 (RSX), £${Number(thousands).toLocaleString('en-GB')}k`,
      `${thousands}000`,
      '2023-24',
      a.basis,
      a.beta,
      a.pct,
      'mainstream',
      '',
      a.themes,
      '',
    ]);
  });
  return Papa.unparse(out, { newline: '\n' }) + '\n';
}
