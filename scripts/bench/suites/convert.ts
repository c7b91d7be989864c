// Ward-vintage conversion (issue 15): the pure conversion of a 2,000-line project
// with 500 direct lines, on the real 2019 → 2025 crosswalk of an authority with about
// 40 wards. Reading and writing the project files is the CLI's, measured with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertWards, type ConvertInput } from '../../../shared/engine/convert/convert';
import type { CrosswalkFile } from '../../../shared/engine/convert/crosswalk';
import type { Suite } from '../suite';

function workload(): ConvertInput {
  const ref = join(__dirname, '../../../resources/reference');
  const cw = JSON.parse(readFileSync(join(ref, 'crosswalks/wards2019-wards2025.json'), 'utf8')) as CrosswalkFile;
  // The authority whose 2019 ward count is nearest 40 (first by code on a tie).
  const olds = (lad: string) => [...new Set(cw.authorities[lad]!.pairs.map((p) => p[0]))];
  const lad = Object.keys(cw.authorities).reduce((best, l) => (Math.abs(olds(l).length - 40) < Math.abs(olds(best).length - 40) ? l : best));
  const crosswalk = cw.authorities[lad]!;
  const oldWards = olds(lad);
  const newWards = [...new Set(crosswalk.pairs.map((p) => p[1]))].sort();
  let seed = 1;
  const rand = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  return {
    crosswalk,
    newWards,
    customProxies: [0, 1, 2].map((k) => ({ name: `custom_${k}`, values: Object.fromEntries(oldWards.map((w) => [w, rand(10_000) / 7])) })),
    directLines: Array.from({ length: 500 }, (_, i) => ({
      ref: `D-${i}`,
      figures: Object.fromEntries(oldWards.filter(() => rand(3) > 0).map((w) => [w, rand(500_000_000)])),
    })),
    siteLines: Array.from({ length: 1_500 }, (_, i) => ({ ref: `S-${i}`, ward: oldWards[rand(oldWards.length)]! })),
    neighbourhoods: Array.from({ length: 8 }, (_, i) => ({ name: `N${i}`, wards: oldWards.filter(() => rand(8) === 0) })),
  };
}

export const suite: Suite = {
  rows: [
    {
      workload: 'convert 2019 → 2025 wards: 2,000 lines (500 direct) across an authority of about 40 wards, exact',
      target: '< 2 s',
      limitMs: 2000,
      peer: '—',
      case: 'convert-wards',
    },
  ],
  cases: {
    async 'convert-wards'() {
      const input = workload();
      const started = performance.now();
      const r = convertWards(input);
      const ours = performance.now() - started;
      if (!r.ok) throw new Error(r.message);
      return { ours, peer: null, note: `${input.newWards.length} new wards, ${r.value.report.length} report rows` };
    },
  },
};
