// What a partner does to a pack before sending it back, in exceljs as a spreadsheet
// would save it: fill in the sign-off block on Read me and type over yellow cells on Lines.
import ExcelJS from 'exceljs';
import { LC, LINES_FIRST_ROW, SIGN_OFF_CELLS } from '../../electron/backend/packs/layout';

export interface PartnerSignOff {
  name?: string;
  role?: string;
  organisation?: string;
  /** A date cell, or text as typed (e.g. "05/12/2026"). */
  date?: Date | string;
  agreement?: 'I agree these figures' | 'I agree these figures with the changes I have made' | string;
}

/** A Lines edit: the line's ref, the column (layout.ts LC key) and the value typed. */
export interface LineEdit {
  ref: string;
  column: keyof typeof LC;
  value: string | number;
}

export async function returnPack(pack: string, out: string, input: { signOff?: PartnerSignOff; edits?: LineEdit[] }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(pack);
  const readMe = wb.getWorksheet('Read me')!;
  for (const [k, v] of Object.entries(input.signOff ?? {})) readMe.getCell(SIGN_OFF_CELLS[k as keyof typeof SIGN_OFF_CELLS]).value = v;
  const lines = wb.getWorksheet('Lines')!;
  for (const e of input.edits ?? []) {
    let row = 0;
    for (let r = LINES_FIRST_ROW; r <= lines.rowCount && !row; r++) if (lines.getCell(r, LC.ref).value === e.ref) row = r;
    if (!row) throw new Error(`no row for ${e.ref} in ${pack}`);
    lines.getCell(row, LC[e.column]).value = e.value;
  }
  await wb.xlsx.writeFile(out);
  return out;
}
