// Ward crosswalks between the packs' vintages (issue 15 item 5), from ../shared/data:
// - wards2019 → wards2024/2025: each LSOA 2021 l with Census 2021 residents p(l) and
//   LSOA 2011 parents P(l) gives p(l)/|P(l)| to (2019 ward of each parent, new ward of l);
// - wards2024 → wards2025: each LSOA 2021 gives p(l) to (its 2024 ward, its 2025 ward).
// Weights are kept exact as integers over a per-authority scale (lcm of the |P(l)|).
import type { AuthorityCrosswalk, CrosswalkFile } from '../../shared/engine/convert/crosswalk';
import { gcd } from '../../shared/decimal';
import { censusResidents, column, lookupWards, OGL, OGL_ATTRIBUTION, ONS_GEO_ATTRIBUTION, readTable, wardOfLsoa } from './tables';

export const CROSSWALKS = [
  ['wards2019', 'wards2024'],
  ['wards2019', 'wards2025'],
  ['wards2024', 'wards2025'],
] as const;
export type CrosswalkId = (typeof CROSSWALKS)[number];

const LSOA11_LSOA21 = 'lookups/ONS_LSOA11_LSOA21_LAD22_EW_LU.csv.gz';

/** Old-ward contributions of one LSOA 2021: its parents' 2019 wards (each 1/|P(l)|) or its 2024 ward. */
type Parents = (l: string) => string[];

export function buildCrosswalk(dataDir: string, from: CrosswalkId[0], to: CrosswalkId[1]): CrosswalkFile {
  const residents = censusResidents(dataDir);
  const oldLu = lookupWards(dataDir, from);
  const newLu = lookupWards(dataDir, to);
  const oldWardOf = wardOfLsoa(oldLu.wards);
  const newWardOf = wardOfLsoa(newLu.wards);
  const ladOf = new Map([...oldLu.wards].map(([code, w]) => [code, w.lad]));
  const sources = [oldLu.source, newLu.source];

  let parents: Parents;
  if (from === 'wards2019') {
    const t = readTable(dataDir, LSOA11_LSOA21);
    const c11 = column(t.table, LSOA11_LSOA21, 'LSOA11CD');
    const c21 = column(t.table, LSOA11_LSOA21, 'LSOA21CD');
    const byChild = new Map<string, string[]>();
    for (const r of t.table.rows) (byChild.get(r[c21]!) ?? (byChild.set(r[c21]!, []), byChild.get(r[c21]!)!)).push(r[c11]!);
    parents = (l) => {
      const ps = byChild.get(l);
      if (!ps) throw new Error(`${LSOA11_LSOA21}: no LSOA 2011 parent for LSOA ${l}`);
      return ps.map((p) => {
        const w = oldWardOf.get(p);
        if (!w) throw new Error(`${oldLu.source.file}: no 2019 ward for LSOA 2011 ${p} (parent of ${l})`);
        return w;
      });
    };
    sources.push({
      ...t.source,
      dataset: 'LSOA (2011) to LSOA (2021) to Local Authority District (2022) Lookup for England and Wales (version 2)',
      publisher: 'Office for National Statistics',
      licence: OGL,
      attribution: ONS_GEO_ATTRIBUTION,
    });
  } else {
    parents = (l) => {
      const w = oldWardOf.get(l);
      if (!w) throw new Error(`${oldLu.source.file}: no 2024 ward for LSOA ${l}`);
      return [w];
    };
  }
  sources.push({
    ...residents.source,
    dataset: 'Census 2021 TS021: total usual residents per LSOA 2021',
    publisher: 'Office for National Statistics',
    licence: OGL,
    attribution: OGL_ATTRIBUTION,
  });

  // Per old authority: the contributions (old ward, new ward, residents, parent count).
  const contributions = new Map<string, { a: string; b: string; p: bigint; k: bigint }[]>();
  for (const [l, b] of [...newWardOf].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const p = residents.residents.get(l);
    if (!p || p.d !== 1n) throw new Error(`${residents.source.file}: no whole resident count for LSOA ${l}`);
    const ps = parents(l);
    for (const a of ps) {
      const lad = ladOf.get(a)!;
      (contributions.get(lad) ?? (contributions.set(lad, []), contributions.get(lad)!)).push({ a, b, p: p.n, k: BigInt(ps.length) });
    }
  }

  const authorities: Record<string, AuthorityCrosswalk> = {};
  for (const lad of [...contributions.keys()].sort()) {
    const list = contributions.get(lad)!;
    const scale = list.reduce((m, { k }) => (m * k) / gcd(m, k), 1n);
    const pairs = new Map<string, bigint>();
    for (const { a, b, p, k } of list) pairs.set(`${a} ${b}`, (pairs.get(`${a} ${b}`) ?? 0n) + (p * scale) / k);
    authorities[lad] = {
      scale: Number(scale),
      pairs: [...pairs]
        .filter(([, w]) => w > 0n)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([key, w]) => {
          if (w > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${from}→${to} ${lad}: weight ${w} too large`);
          const [a, b] = key.split(' ') as [string, string];
          return [a, b, Number(w)];
        }),
    };
  }
  return {
    format: 1,
    from,
    to,
    method:
      from === 'wards2019'
        ? 'Each LSOA 2021 l with Census 2021 residents p(l) and LSOA 2011 parents P(l) gives p(l)/|P(l)| to (2019 ward of each parent, new ward of l); weight = value ÷ scale.'
        : 'Each LSOA 2021 l gives its Census 2021 residents p(l) to (its 2024 ward, its 2025 ward); weight = value ÷ scale.',
    sources,
    authorities,
  };
}

/** One authority per line, so a diff shows which authorities changed. */
export function serialiseCrosswalk(cw: CrosswalkFile): string {
  const { authorities, ...head } = cw;
  const lads = Object.keys(authorities);
  return [
    '{',
    ...Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '"authorities": {',
    lads.map((lad) => `${JSON.stringify(lad)}: ${JSON.stringify(authorities[lad])}`).join(',\n'),
    '}',
    '}',
  ].join('\n') + '\n';
}
