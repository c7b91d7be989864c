// Ward proxies: the standard ones from the reference pack and custom ones.
import type { Project } from '../project/project';
import { proxyValueRows } from './proxies-store';

/** proxy name → ward code → value (absent = missing). */
export function proxyValues(project: Project): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>(project.proxies().map((p) => [p.name, new Map()]));
  for (const r of proxyValueRows(project.db)) out.get(r.name)!.set(r.ward, r.value);
  return out;
}

export function proxyTable(project: Project) {
  const proxies = project.proxies();
  const values = proxyValues(project);
  const wards = project.wards();
  return {
    proxies: proxies.map((p) => ({
      name: p.name,
      label: p.label,
      source: p.source,
      year: p.year,
      custom: p.custom,
      missing: wards.filter((w) => !values.get(p.name)!.has(w.code)).length,
    })),
    wards: wards.map((w) => ({ code: w.code, name: w.name, values: proxies.map((p) => values.get(p.name)!.get(w.code) ?? null) })),
  };
}

export function wardList(project: Project) {
  const values = proxyValues(project);
  const pop = values.get('population');
  const imd = values.get('imd_score');
  return project.wards().map((w) => ({
    code: w.code,
    name: w.name,
    population: pop?.get(w.code) ?? null,
    imdScore: imd?.get(w.code) ?? null,
  }));
}
