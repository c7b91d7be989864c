// A large canonical budget CSV, generated from a seed so every run is the same.
import { TEMPLATE_COLUMNS } from '../../../shared/domain/types';
import { rng } from '../../lib/rng';

const PARTNERS: [string, string][] = [
  ['Royal Borough of Kingston upon Thames', 'council'],
  ['South West London ICB', 'health'],
  ['Metropolitan Police', 'police'],
  ['DWP Jobcentre Plus', 'dwp'],
  ['London Fire Brigade', 'fire'],
  ['Kingston housing association', 'housing'],
  ['Kingston Voluntary Action', 'vcs'],
];
const BASES = ['population', 'children_0_15', 'older_60_plus', 'income_deprived', 'employment_deprived', 'even'];


export function budgetCsv(rows: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [TEMPLATE_COLUMNS.join(',')];
  for (let i = 1; i <= rows; i++) {
    const [partner, type] = PARTNERS[Math.floor(r() * PARTNERS.length)]!;
    const pence = Math.floor(r() * 5_000_000_00);
    const amount = `"£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}"`;
    const basis = BASES[Math.floor(r() * BASES.length)]!;
    out.push(
      [`B${i}`, partner, type, `Service ${i % 97}`, `Line ${i} description`, amount, '2024-25', basis, (Math.floor(r() * 11) / 10).toString(), String(Math.floor(r() * 40)), 'mainstream', '', 'Theme A;Theme B', ''].join(','),
    );
  }
  return out.join('\n') + '\n';
}
