// The engine's inputs and outputs. Pure data: the engine never reads a file or a database.
import type { Confidence, Status } from '../domain/types';
import type { WardAmounts } from './ward-amounts';

export type { Confidence, WardAmounts };

export interface EngineWard {
  code: string;
  /** Weights S̄ (the population-weighted mean imd_score) and is the neighbourhood population. */
  population: number | null;
  imdScore: number | null;
}

export interface EngineInput {
  /** The project's wards, in any order: results never depend on it (ties go by ward code). */
  wards: readonly EngineWard[];
  /**
   * Proxy name → one value per ward, aligned with `wards`; null (or NaN) = missing.
   * A `population` basis reads `proxies.population` if given, else the wards' population.
   */
  proxies: Readonly<Record<string, readonly (number | null)[]>>;
}

export interface EngineLine {
  id: number;
  ref: string;
  partner: string;
  /** Borough amount A, integer pence. */
  amountPence: number;
  /** A proxy name, or `direct`, `site`, `even`. */
  basis: string;
  /** Deprivation weighting β in [0, 1]. */
  beta: number;
  /** 0–100. */
  discretionaryPct: number;
  /** The user's override; null/absent = suggested from the basis. */
  confidenceOverride?: Confidence | null;
  siteWard: string | null;
  /** `direct` lines: the partner's ward figures, ward code → pence. */
  direct?: ReadonlyMap<string, number> | null;
  themes?: readonly string[];
  /** Budget status (mainstream when absent), summed in status_pence. */
  status?: Status;
  /** Why the line is kept out of every total though it is in the file (e.g. another year's line): it is listed as unallocated. */
  excluded?: string | null;
}

export type Refusal = { ok: false; reason: string };

export type LineResult =
  | {
      ok: true;
      /** Pence per ward, in the input ward order; integers ≥ 0. */
      amounts: WardAmounts;
      /** `direct` lines whose figures do not add up to A: Σ figures − A. */
      directDifference?: number;
    }
  | Refusal;

export interface NeighbourhoodSpec {
  name: string;
  wards: readonly string[];
}

/** The `summary --json` object of docs/cli.md, key for key. */
export interface NeighbourhoodSummary {
  neighbourhood: string;
  wards: string[];
  population: number | null;
  borough_population: number | null;
  total_pence: number;
  borough_total_pence: number;
  per_head_gbp: number | null;
  borough_per_head_gbp: number | null;
  influenceable_pence: number;
  confidence_pence: { green: number; amber: number; red: number };
  sensitivity: { low_pence: number; high_pence: number };
  focus_refs: string[];
  unallocated: { ref: string; reason: string }[];
  by_partner: { partner: string; total_pence: number; influenceable_pence: number }[];
  status_pence: Record<Status, number>;
}
