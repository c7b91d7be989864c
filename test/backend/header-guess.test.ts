// Header words that carry the amount's units map the amount column and its units (issue 14 item 8).
import { describe, expect, it } from 'vitest';
import { guessMapping, guessUnits, withoutUnits } from '../../electron/backend/budgets/column-mapping';

describe('guessing the amount column and its units from the header', () => {
  it.each([
    ['Budget (£000)', 'thousands'],
    ['Amount £m', 'millions'],
    ['Net budget £000s', 'thousands'],
    ['Annual budget (£ million)', 'millions'],
    ['Amount (GBP)', 'pounds'],
    ['Spend £k', 'thousands'],
    ['Budget', 'pounds'],
  ] as const)('%s is the amount column, in %s', (amount, units) => {
    const header = ['Ref', 'Partner', 'Service', amount, 'Basis'];
    expect(guessMapping(header).amount_gbp).toEqual({ column: amount });
    expect(guessUnits(header)).toBe(units);
  });

  it('leaves words that are not units alone', () => {
    expect(withoutUnits('Budget (2024-25)')).toBe('budget (2024-25)');
    expect(guessMapping(['Ref', 'Mileage £m']).amount_gbp).toBeUndefined();
  });
});
