// Ward-proxy CSVs (ward_code, value): good ones, and ones with unknown wards, weird
// numbers, junk bytes, stray quotes, other encodings and huge fields.
import { chance, csvText, encodeUtf16, int, mutate, pick, randomBytes, shapeOf, WEIRD_NUMBERS, type FuzzContext, type FuzzInput, type R } from './common';

const PROXY_KINDS = ['valid', 'valid', 'wrong-header', 'unknown-wards', 'weird-numbers', 'weird-numbers', 'binary-junk', 'quotes', 'encodings', 'huge-field', 'mutation'] as const;

export function proxyCsv(r: R, ctx: FuzzContext, index: number): FuzzInput {
  const kind = pick(r, PROXY_KINDS);
  const name = `proxy-${index}.csv`;
  const wards = ctx.wards.filter(() => chance(r, 0.8));
  if (!wards.length) wards.push(ctx.wards[0]!);
  const value = () => pick(r, [String(int(r, 100_000)), `${int(r, 1000)}.${int(r, 100)}`, (int(r, 1_000_000)).toLocaleString('en-GB'), '0', '.5']);
  const rows = wards.map((w) => [chance(r, 0.2) ? w.toLowerCase() : w, value()]);
  const shape = shapeOf(r);
  const header = ['ward_code', 'value'];
  if (chance(r, 0.3)) {
    header.reverse();
    for (const row of rows) row.reverse();
  }
  const text = () => csvText([header, ...rows], shape, r);
  const input = (bytes: Buffer | string, expect?: FuzzInput['expect']): FuzzInput => ({
    kind: `proxy-csv/${kind}`,
    target: 'proxy',
    name,
    bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    ...(expect ? { expect } : {}),
  });
  const vcol = header.indexOf('value');
  switch (kind) {
    case 'valid':
      return input(chance(r, 0.2) ? '\ufeff' + text() : text(), { imported: wards.length });
    case 'wrong-header':
      return input(csvText([[pick(r, ['ward', 'code', 'ward code', '']), pick(r, ['val', 'value', 'amount'])], ...rows], shape, r));
    case 'unknown-wards': {
      const rs = rows.map((row) => [...row]);
      const wc = header.indexOf('ward_code');
      rs[int(r, rs.length)]![wc] = pick(r, ['E05999999', '', 'E0501394', 'W05000001', rs[0]![wc]!]);
      return input(csvText([header, ...rs], shape, r));
    }
    case 'weird-numbers': {
      const rs = rows.map((row) => {
        const out = [...row];
        if (chance(r, 0.5)) out[vcol] = pick(r, WEIRD_NUMBERS);
        return out;
      });
      return input(csvText([header, ...rs], shape, r));
    }
    case 'binary-junk':
      return input(chance(r, 0.5) ? randomBytes(r, 1 + int(r, 3000)) : Buffer.concat([Buffer.from(text()), Buffer.from([0]), randomBytes(r, 100)]));
    case 'quotes': {
      const t = text();
      const at = int(r, t.length);
      return input(t.slice(0, at) + '"' + t.slice(at));
    }
    case 'encodings':
      return input(chance(r, 0.5) ? encodeUtf16(text(), chance(r, 0.5)) : Buffer.concat([Buffer.from([0xff, 0xfe]), encodeUtf16(text(), false)]), chance(r, 0.5) ? undefined : undefined);
    case 'huge-field': {
      const rs = rows.map((row) => [...row]);
      rs[0]![vcol] = '1'.repeat(32_768 + int(r, 40_000));
      return input(csvText([header, ...rs], shape, r));
    }
    default:
      return input(mutate(r, Buffer.from(text()), 1 + int(r, 10)));
  }
}

