// Which first row of a pasted block is a header copied with it (skipped on paste): two or
// more cells that are all column names; one cell that is the pasted-into column's own
// name, is not one of its values, and has data rows under it.
import { describe, expect, it } from 'vitest';
import { parseField, type FieldContext } from '../../shared/domain/fields';
import { isHeaderRow } from '../../renderer/src/grid/clipboard';

const fields: FieldContext = { proxies: ['population', 'basis'], wards: new Set(['E05013933']), year: '2023-24' };
const NAMES = ['Partner', 'Service', 'Basis', 'Status', 'partner', 'service', 'basis', 'status'];
const column = (header: string, field: 'service' | 'basis' | 'status', closed: boolean) => ({
  names: [header, field],
  isValue: (t: string) => closed && parseField(field, t, fields).ok,
});

describe('a pasted block’s header row', () => {
  it('two or more cells: every filled one a column’s name, as shown or as files call it', () => {
    expect(isHeaderRow(['Partner', 'Service'], NAMES)).toBe(true);
    expect(isHeaderRow(['partner', '', 'STATUS '], NAMES)).toBe(true);
    expect(isHeaderRow(['Partner', 'Tenancy support'], NAMES)).toBe(false);
  });

  it('one cell: the column’s own name, with rows under it', () => {
    const service = column('Service', 'service', false);
    expect(isHeaderRow(['Service'], NAMES, service, 4)).toBe(true);
    expect(isHeaderRow([' service '], NAMES, service, 2)).toBe(true);
    // Alone, it is what was meant to be pasted.
    expect(isHeaderRow(['Service'], NAMES, service, 1)).toBe(false);
    // Another column's name is a value here.
    expect(isHeaderRow(['Partner'], NAMES, service, 3)).toBe(false);
    expect(isHeaderRow(['Status'], NAMES, column('Status', 'status', true), 3)).toBe(true);
    expect(isHeaderRow(['Status'], NAMES, undefined, 3)).toBe(false);
  });

  it('one cell that is also a value of the column stays data (a proxy named "basis")', () => {
    expect(isHeaderRow(['basis'], NAMES, column('Basis', 'basis', true), 3)).toBe(false);
    // Bases are read in any case: "Basis" is that proxy too.
    expect(isHeaderRow(['Basis'], NAMES, column('Basis', 'basis', true), 3)).toBe(false);
    // Without such a proxy, the same cell is the header.
    expect(isHeaderRow(['Basis'], NAMES, { names: ['Basis', 'basis'], isValue: (t) => parseField('basis', t, { ...fields, proxies: ['population'] }).ok }, 3)).toBe(true);
  });
});
