// What Partners & budgets builds from its data: the grid's lookups from the proxy table,
// and the pinned total row from a page's totals.
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { FieldContext } from '../../../../shared/domain/fields';
import type { PartnerTotal } from '../../grid/filter/PartnerTotals';
import type { TotalRow } from './columns';

/** A block's count and total; the partner subtotals come with the first block only. */
export type PageTotals = { count: number; totalPence: number; partners?: PartnerTotal[] | undefined };

export const totalRowOf = (page: PageTotals): TotalRow => ({ id: -1, total: true, amountPence: page.totalPence, count: page.count });

export interface Lookups {
  fields: FieldContext;
  wardNames: Map<string, string>;
  basisLabels: Map<string, string>;
}

export function lookupsOf(t: MethodOutput<'proxies.table'>, year: string): Lookups {
  return {
    fields: { proxies: t.proxies.map((p) => p.name), wards: new Set(t.wards.map((w) => w.code)), year },
    wardNames: new Map(t.wards.map((w) => [w.code, w.name])),
    basisLabels: new Map(t.proxies.map((p) => [p.name, p.label])),
  };
}
