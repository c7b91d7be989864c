// The standard ward proxies every reference pack provides, in the order the
// CLI and the screens list them (docs/cli.md, `proxies`).
export const STANDARD_PROXIES = [
  'population',
  'children_0_15',
  'adults_16_59',
  'older_60_plus',
  'working_age',
  'income_deprived',
  'employment_deprived',
  'imd_score',
] as const;

export type StandardProxy = (typeof STANDARD_PROXIES)[number];

/** Bases that are not proxies. */
export const SPECIAL_BASES = ['direct', 'site', 'even'] as const;
export type SpecialBasis = (typeof SPECIAL_BASES)[number];

/** A custom proxy name: lower-case letters, digits and underscores, starting with a letter. */
export const PROXY_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export function isStandardProxy(name: string): name is StandardProxy {
  return (STANDARD_PROXIES as readonly string[]).includes(name);
}
