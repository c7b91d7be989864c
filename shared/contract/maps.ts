// Contract: ward maps — one authority's ward shapes (the project's wards only) and a
// measure's figure per ward, with the class breaks and colours to fill them.
import { z } from 'zod';
import { obj } from './schemas';
import { whatIf } from './workshop';

export const mapWard = z.object({
  code: z.string(),
  name: z.string(),
  /** The measure: £ per head (2 dp), pence (a line's split) or the proxy's value; null = no figure. */
  value: z.number().nullable(),
  /** The pence behind a £-per-head figure (null for a proxy). */
  pence: z.number().int().nullable(),
  population: z.number().nullable(),
  inNeighbourhood: z.boolean(),
  /** Index into `colours`, or null for no figure. */
  class: z.number().int().nullable(),
});
export type MapWard = z.infer<typeof mapWard>;

export const wardMap = z.object({
  measure: z.string(),
  unit: z.enum(['per_head', 'pence', 'value']),
  /** A heading: what is shown, for whom. */
  title: z.string(),
  wards: z.array(mapWard),
  breaks: z.array(z.number()),
  colours: z.array(z.string()),
  legend: z.array(z.string()),
  neighbourhood: z.object({ name: z.string(), wards: z.array(z.string()) }).nullable(),
  /** GeoJSON FeatureCollection of the project's wards (id = ward code), WGS84; null when not asked for. */
  shapes: z.unknown(),
  attribution: z.string(),
  /** What-if problems (as workshop.view reports them). */
  problems: z.array(z.string()),
});
export type WardMap = z.infer<typeof wardMap>;

export const mapQuery = obj({
  /** per_head | influenceable_per_head | proxy:<name> | line:<ref> */
  measure: z.string().min(1).max(240),
  neighbourhood: z.string().min(1).max(100).optional(),
  /** Only this partner's lines (per_head, influenceable_per_head). */
  partner: z.string().min(1).max(200).optional(),
  /** Only lines with this theme (per_head, influenceable_per_head). */
  theme: z.string().min(1).max(200).optional(),
  whatIf: whatIf.optional(),
  /** Send the shapes (default true); a redraw of the same map skips them. */
  withShapes: z.boolean().optional(),
});
export type MapQuery = z.infer<typeof mapQuery>;

export const mapMethods = {
  'maps.wards': { kind: 'query', input: mapQuery, output: wardMap },
} as const;
