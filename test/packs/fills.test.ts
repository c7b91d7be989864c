// Shared formulas as the pack writes them: a block of ward columns filled down is one
// run per column, each column's text the first column's moved right as a fill would.
import { describe, expect, it } from 'vitest';
import { Fills, shiftColumns } from '../../electron/backend/packs/sheets/cells';
import { Book } from '../../electron/backend/packs/xlsx/book';
import { SharedRun, type FormulaValue } from '../../electron/backend/packs/xlsx/sheet';

describe('shiftColumns', () => {
  it('moves relative columns and leaves fixed ones, as a fill to the right does', () => {
    expect(shiftColumns('$B8*(INDEX(ProxyValues,BS$5,$F8)*(1+$D8*K$5))/$I8', 3)).toBe('$B8*(INDEX(ProxyValues,BV$5,$F8)*(1+$D8*N$5))/$I8');
    expect(shiftColumns('RANK(AY8,AY8:$BR8)+BS$5-RANK(AY8,$AY8:AY8,1)', 1)).toBe('RANK(AZ8,AZ8:$BR8)+BT$5-RANK(AZ8,$AY8:AZ8,1)');
    expect(shiftColumns('Allocation!Y7+Z7', 2)).toBe('Allocation!AA7+AB7');
  });

  it('leaves texts, quoted sheet names, names, functions and numbers alone', () => {
    expect(shiftColumns('IF($C8="AB12",0,Allocation!$E8)', 4)).toBe('IF($C8="AB12",0,Allocation!$E8)');
    expect(shiftColumns("'Sheet 1'!A2+LOG10(B2)+1E5+SM_Suggested", 1)).toBe("'Sheet 1'!B2+LOG10(C2)+1E5+SM_Suggested");
    expect(shiftColumns('SUM(INDEX(ProxyValues,0,$F8))', 5)).toBe('SUM(INDEX(ProxyValues,0,$F8))');
  });
});

describe('Fills', () => {
  it('writes a block filled down as one shared run per column, ending where the formula changes', () => {
    const ws = new Book().addWorksheet('Working');
    const fills = new Fills();
    for (let r = 5; r <= 7; r++) fills.put(ws, r, 2, `$A${r}*B$2`, [1, 2, 3], {}, 'block');
    fills.put(ws, 8, 2, `$A8+B$2`, [4, 5, 6], {}, 'block');
    const masters = [2, 3, 4].map((c) => ws.getCell(5, c).value as FormulaValue);
    expect(masters.map((m) => m.formula)).toEqual(['$A5*B$2', '$A5*C$2', '$A5*D$2']);
    expect(masters.map((m) => [m.shared!.left, m.shared!.right, m.shared!.top, m.shared!.bottom])).toEqual([
      [2, 2, 5, 7],
      [3, 3, 5, 7],
      [4, 4, 5, 7],
    ]);
    for (let r = 6; r <= 7; r++) for (const [k, c] of [2, 3, 4].entries()) expect(ws.getCell(r, c).value).toBe(masters[k]!.shared);
    expect(ws.getCell(7, 3).result).toBe(2);
    const next = ws.getCell(8, 3).value as FormulaValue;
    expect(next.formula).toBe('$A8+C$2');
    expect(next.shared).toBeInstanceOf(SharedRun);
    expect(next.shared).not.toBe(masters[1]!.shared);
  });
});
