// The what-if panel's state: per-line changes, partner β, and what the API is sent.
import { describe, expect, it, vi } from 'vitest';
import { LatestRequest, type Clock } from '../../renderer/src/screens/workshop/schedule';
import { parsePrintHash, printHash } from '../../renderer/src/screens/workshop/printRoute';
import {
  changeCount,
  describeChanges,
  EMPTY_WHAT_IF,
  effective,
  fromWhatIf,
  isEmpty,
  setLineField,
  setPartnerBeta,
  toWhatIf,
  type SavedLine,
} from '../../renderer/src/screens/workshop/whatif';

const line = (id: number, partner: string, basis: string, beta: number, pct = 10): SavedLine => ({
  id,
  ref: `L${id}`,
  partner,
  service: `Service ${id}`,
  amountPence: 100_000 * id,
  basis,
  beta,
  discretionaryPct: pct,
});
const LINES = [line(1, 'Police', 'population', 0), line(2, 'Police', 'site', 0), line(3, 'Police', 'income_deprived', 0.5), line(4, 'NHS', 'even', 0)];

describe('what-if state', () => {
  it('keeps a change only while it differs from the saved value', () => {
    let s = setLineField(EMPTY_WHAT_IF, LINES[0]!, 'beta', 1);
    expect(toWhatIf(s)).toEqual({ lines: [{ id: 1, beta: 1 }], partners: [] });
    expect(changeCount(s)).toBe(1);
    s = setLineField(s, LINES[0]!, 'discretionaryPct', 25);
    expect(toWhatIf(s).lines).toEqual([{ id: 1, beta: 1, discretionaryPct: 25 }]);
    s = setLineField(s, LINES[0]!, 'beta', 0);
    s = setLineField(s, LINES[0]!, 'discretionaryPct', 10);
    expect(isEmpty(s)).toBe(true);
  });

  it('applies partner β to shared lines only, and a later partner β replaces line β', () => {
    let s = setLineField(EMPTY_WHAT_IF, LINES[0]!, 'beta', 0.3);
    s = setPartnerBeta(s, 'Police', 0.8, LINES);
    expect(toWhatIf(s)).toEqual({ lines: [], partners: [{ partner: 'Police', beta: 0.8 }] });
    expect(effective(LINES[0]!, s).beta).toBe(0.8);
    expect(effective(LINES[1]!, s).beta).toBe(0); // a site line: β does not apply
    expect(effective(LINES[2]!, s).beta).toBe(0.8);
    // A line's own β after that wins (the backend applies partner β first, then lines).
    s = setLineField(s, LINES[2]!, 'beta', 0.1);
    expect(effective(LINES[2]!, s).beta).toBe(0.1);
    // Setting it back to the partner's what-if β drops the line's change.
    s = setLineField(s, LINES[2]!, 'beta', 0.8);
    expect(s.lines.size).toBe(0);
    expect(describeChanges(s, LINES).map((c) => c.text)).toEqual(['Police: β mixed → 0.8 on 2 lines']);
  });

  it('drops a partner β that puts every line back as saved', () => {
    const nhs = setPartnerBeta(EMPTY_WHAT_IF, 'NHS', 0.5, LINES);
    expect(nhs.partners.get('NHS')).toBe(0.5);
    expect(isEmpty(setPartnerBeta(nhs, 'NHS', 0, LINES))).toBe(true);
  });

  it('goes to the API shape and back', () => {
    let s = setLineField(EMPTY_WHAT_IF, LINES[3]!, 'basis', 'population');
    s = setPartnerBeta(s, 'Police', 1, LINES);
    const w = toWhatIf(s);
    expect(toWhatIf(fromWhatIf(w))).toEqual(w);
    expect(describeChanges(s, LINES).map((c) => c.text)).toEqual(['Police: β mixed → 1 on 2 lines', 'L4: basis even → population']);
  });
});

describe('the print route', () => {
  it('round-trips a neighbourhood with spaces and a what-if', () => {
    const whatIf = { lines: [{ id: 3, beta: 0.25 }], partners: [{ partner: 'A & B (C+D)', beta: 1 }] };
    const hash = printHash({ neighbourhood: 'Norbiton & Kingston Town', whatIf, large: true });
    expect(parsePrintHash(`#token=abc&${hash}`)).toEqual({ neighbourhood: 'Norbiton & Kingston Town', whatIf, large: true });
    expect(parsePrintHash('#print=workshop&neighbourhood=Norbiton')).toEqual({ neighbourhood: 'Norbiton', large: false });
    expect(parsePrintHash('#demo=1')).toBeNull();
    expect(() => parsePrintHash('#print=workshop&neighbourhood=N&whatif=%7B%7D')).toThrow(/what-if/);
  });

  it('carries a proposal and its business-case what-if for the second page', () => {
    const route = { neighbourhood: 'Norbiton', large: false, proposal: 'Family hub & co', proposalWhatIf: { cohortPct: 150, successPts: -10, biasPts: 5 } };
    expect(parsePrintHash(`#${printHash(route)}`)).toEqual(route);
    // A what-if without a proposal has nothing to apply to: it is left out.
    expect(printHash({ neighbourhood: 'N', large: false, proposalWhatIf: route.proposalWhatIf })).toBe('print=workshop&neighbourhood=N');
    expect(() => parsePrintHash('#print=workshop&neighbourhood=N&proposal=P&cbawhatif=%7B%22cohortPct%22%3A%22x%22%7D')).toThrow(/cohortPct, successPts, biasPts/);
  });
});

describe('sending the newest what-if', () => {
  function fakeClock() {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const advance = async (ms: number) => {
      now += ms;
      for (const t of [...timers].filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
      await Promise.resolve();
      await Promise.resolve();
    };
    return { clock, advance };
  }

  it('sends a single change at once and folds a drag into the newest value', async () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const got: number[] = [];
    let release: (() => void) | null = null;
    const send = vi.fn((x: number) => {
      sent.push(x);
      return new Promise<number>((ok) => {
        release = () => ok(x * 10);
      });
    });
    const r = new LatestRequest<number, number>(send, (out) => got.push(out), () => {}, 50, clock);
    r.request(1);
    expect(sent).toEqual([1]);
    r.request(2);
    r.request(3);
    expect(sent).toEqual([1]); // still waiting for the first answer
    release!();
    await advance(10);
    expect(got).toEqual([10]);
    expect(sent).toEqual([1]); // 50 ms gap not yet passed
    await advance(40);
    expect(sent).toEqual([1, 3]); // 2 was folded into 3
    release!();
    await advance(0);
    expect(got).toEqual([10, 30]);
    await advance(100);
    r.request(4);
    expect(sent).toEqual([1, 3, 4]); // idle again: at once
  });
});
