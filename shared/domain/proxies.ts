// The standard ward proxies of the reference packs, in the order the CLI and the
// screens list them (docs/cli.md, `proxies`; docs/method.md, "Census proxies").
/** The proxies every reference pack provides. */
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

/** The standard proxies the LSOA 2021 packs (wards2024, wards2025) add after those, from Census 2021 and DfE schools. */
export const CENSUS_PROXIES = [
  'households',
  'disabled_residents',
  'deprived_households',
  'social_rented_households',
  'overcrowded_households',
  'school_pupils',
] as const;

/** Every standard proxy name, in listing order; a pack provides a prefix-ordered subset (see ReferencePack.proxies). */
export const ALL_STANDARD_PROXIES = [...STANDARD_PROXIES, ...CENSUS_PROXIES] as const;

export type StandardProxy = (typeof STANDARD_PROXIES)[number];
export type CensusProxy = (typeof CENSUS_PROXIES)[number];
export type PackProxy = (typeof ALL_STANDARD_PROXIES)[number];

/** Bases that are not proxies. */
export const SPECIAL_BASES = ['direct', 'site', 'even'] as const;
export type SpecialBasis = (typeof SPECIAL_BASES)[number];

/** A custom proxy name: lower-case letters, digits and underscores, starting with a letter. */
export const PROXY_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A standard name of any pack: reserved, so a custom proxy can never shadow one after a conversion. */
export function isStandardProxy(name: string): name is PackProxy {
  return (ALL_STANDARD_PROXIES as readonly string[]).includes(name);
}
