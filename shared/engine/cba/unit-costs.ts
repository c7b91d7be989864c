// The unit cost database (GMCA Research, Unit Cost Database; resources/appraisal):
// searched by theme and words for the Business case screen's picker.

export interface UnitCost {
  code: string;
  /** CRIME, HEALTH, ... as the database writes it. */
  theme: string;
  detail: string;
  description: string;
  unit: string;
  /** Pounds, exact decimal text, in the prices of price_year. */
  cost_gbp: string;
  agency: string;
  agency_detail: string;
  /** "2009-10": the year whose prices the cost is in. */
  price_year: string;
}

const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The entries of a theme (any when blank) that hold every word of `words` (in any field
 * the user reads, ignoring case and accents), in the database's order.
 */
export function searchUnitCosts(all: readonly UnitCost[], q: { theme?: string | undefined; words?: string | undefined; limit?: number }): UnitCost[] {
  const theme = q.theme ? fold(q.theme) : '';
  const words = fold(q.words ?? '').split(/[^\p{L}\p{N}&.]+/u).filter(Boolean);
  const out: UnitCost[] = [];
  for (const u of all) {
    if (theme && fold(u.theme) !== theme) continue;
    const hay = fold(`${u.code} ${u.theme} ${u.detail} ${u.description} ${u.unit} ${u.agency} ${u.agency_detail}`);
    if (words.every((w) => hay.includes(w))) out.push(u);
    if (q.limit !== undefined && out.length >= q.limit) break;
  }
  return out;
}
