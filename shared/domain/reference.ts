// The shape of a committed reference pack (resources/reference/<id>.json).
import type { StandardProxy } from './proxies';

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
  proxies: Record<StandardProxy, ReferenceProxyMeta>;
  sources: ReferenceSource[];
  /** [lad_code, lad_name], sorted by code. */
  authorities: [string, string][];
  /** [ward_code, ward_name, authority index, ...standard proxy values in STANDARD_PROXIES order (null = missing)], sorted by code. */
  wards: [string, string, number, ...(number | null)[]][];
}
