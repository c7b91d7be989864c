// The Workshop's business-case what-if, worked out in the renderer, against the backend:
// on the real demo project with a saved proposal, every what-if on a grid of people,
// success rate and optimism bias gives exactly the figures cba.evaluate gives for the
// proposal with that what-if written into it (the Business case screen's path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CbaEvaluation, UnitCostLookup } from '../../shared/engine/cba';
import { Session } from '../../electron/backend/session';
import { buildDemo } from '../../electron/backend/project/demo';
import type { Draft } from '../../renderer/src/screens/business-case/draft';
import { applyWhatIf, NO_WHAT_IF } from '../../renderer/src/screens/business-case/proposalWhatIf';
import { evaluateWhatIf, partnersTable, type CbaInputs } from '../../renderer/src/screens/workshop/businessCase';
import { parsePrintHash } from '../../renderer/src/screens/workshop/printRoute';
import { familyHub } from '../fixtures/proposals';
import { registryCaller } from '../helpers/registry';

let dir: string;
let session: Session;
const call = registryCaller(() => session);

let inputs: CbaInputs;
const printed: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-workshop-cba-'));
  const path = join(dir, 'demo.spendmap');
  (await buildDemo(path)).close();
  // The printer records the page it was asked for (the real print is the e2e test's).
  session = new Session({ host: 'test', dataDir: dir, printPdf: async (hash) => (printed.push(hash), Buffer.from('%PDF-')) });
  await call('project.open', { path });
  const lines = await call<{ rows: { ref: string }[] }>('budgets.page', { offset: 0, limit: 1 });
  await call('cba.save', { proposal: familyHub(lines.rows[0]!.ref) });
  const proposal = await call<Draft>('cba.get', { name: 'Family hub' });
  const found = await call<{ entries: { code: string; cost_gbp: string; price_year: string }[] }>('cba.unitCosts', { words: 'SS1.0', limit: 1000 });
  const ss = found.entries.find((e) => e.code === 'SS1.0')!;
  inputs = { proposal, unitCosts: new Map<string, UnitCostLookup>([['SS1.0', { costGbp: ss.cost_gbp, priceYear: ss.price_year }]]) };
});

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every figure but the baseline drawn on, which the card leaves out (and no what-if moves). */
const shown = (e: CbaEvaluation) => ({ ...e.figures, baseline_drawn_pence: 0 });

describe("the Workshop's business-case what-if", () => {
  it('gives the figures of cba.evaluate for the proposal with the what-if written in, across a grid', async () => {
    const saved = await call<CbaEvaluation>('cba.evaluate', { name: 'Family hub' });
    expect(saved.figures.baseline_drawn_pence).toBeGreaterThan(0);
    const none = evaluateWhatIf(inputs, NO_WHAT_IF);
    expect(none.ok && shown(none.evaluation)).toEqual(shown(saved));

    const npvs = new Set<number>();
    for (const cohortPct of [0, 37, 100, 163, 200])
      for (const successPts of [-50, -15, 0, 7, 50])
        for (const biasPts of [-50, 0, 33]) {
          const w = { cohortPct, successPts, biasPts };
          const mine = evaluateWhatIf(inputs, w);
          if (!mine.ok) throw new Error(mine.problems.join('; '));
          const backend = await call<CbaEvaluation>('cba.evaluate', { proposal: applyWhatIf(inputs.proposal, w) });
          expect(shown(mine.evaluation), JSON.stringify(w)).toEqual(shown(backend));
          npvs.add(mine.evaluation.figures.npv_pence);
        }
    // The grid moved the figures (and a what-if of no people leaves only the costs).
    expect(npvs.size).toBeGreaterThan(40);
    const nobody = evaluateWhatIf(inputs, { cohortPct: 0, successPts: 0, biasPts: 0 });
    expect(nobody.ok && nobody.evaluation.figures.npv_pence).toBe(-saved.figures.pv_costs_pence);
  });

  it('names the field when the proposal refers to a unit cost it was not given', () => {
    const r = evaluateWhatIf({ ...inputs, unitCosts: new Map() }, NO_WHAT_IF);
    expect(r).toEqual({ ok: false, problems: [expect.stringMatching(/^outcomes\[0\]\.unit_cost_code: "SS1\.0" is not in the unit cost database/)] });
  });

  it("tables the who-pays figures partner by partner, as the card's Show figures does", () => {
    const r = evaluateWhatIf(inputs, NO_WHAT_IF);
    if (!r.ok) throw new Error(r.problems.join('; '));
    const t = partnersTable(r.evaluation.figures);
    expect(t.rows.map((row) => row[0])).toEqual(['Council', 'NHS', 'Police']);
    expect(t.rows.every((row) => row.length === t.columns.length)).toBe(true);
  });

  it('asks the workshop PDF for the proposal page with its what-if, and refuses a proposal the project lacks', async () => {
    const proposalWhatIf = { cohortPct: 150, successPts: -15, biasPts: 0 };
    await call('workshop.pdf', { neighbourhood: 'norbiton', proposal: 'family HUB', proposalWhatIf });
    expect(parsePrintHash(`#${printed.at(-1)}`)).toEqual({ neighbourhood: 'Norbiton', large: false, proposal: 'Family hub', proposalWhatIf });
    const before = printed.length;
    await expect(call('workshop.pdf', { neighbourhood: 'Norbiton', proposal: 'Youth club' })).rejects.toThrow(/no proposal "Youth club" in this project\. It has: Family hub/);
    expect(printed.length).toBe(before);
  });
});
