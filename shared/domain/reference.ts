// The shape of a committed reference pack (resources/reference/<id>.json).
import type { PackProxy, StandardProxy } from './proxies';

export interface ReferenceSource {
  file: string;
  sha256: string;
  dataset: string;
  publisher: string;
  licence: string;
  attribution: string;
}

export interface ReferenceProxyMeta {
  label: string;
  source: string;
  year: string;
}

export interface ReferencePack {
  format: 1;
  id: string;
  title: string;
  description: string;
  /**
   * The pack's standard proxies, in ALL_STANDARD_PROXIES order: every pack has the
   * STANDARD_PROXIES, the LSOA 2021 packs also the CENSUS_PROXIES. The key order is
   * the order of the values in each ward row.
   */
  proxies: Record<StandardProxy, ReferenceProxyMeta> & Partial<Record<PackProxy, ReferenceProxyMeta>>;
  sources: ReferenceSource[];
  /** [lad_code, lad_name], sorted by code. */
  authorities: [string, string][];
  /** [ward_code, ward_name, authority index, ...proxy values in the order of `proxies` (null = missing)], sorted by code. */
  wards: [string, string, number, ...(number | null)[]][];
}

/** The proxy names of a pack, in the order of its ward rows' values. */
export function packProxyNames(pack: Pick<ReferencePack, 'proxies'>): PackProxy[] {
  return Object.keys(pack.proxies) as PackProxy[];
}
