// A returned pack's sheets far larger than any pack: refused from a count of their
// rows made on the bytes (imports/sheet-row-scan.ts) before any cell is parsed, so a
// sheet of a million added rows is answered in about a second, not after reading the
// four million cells the cell cap allows.
import { AppError, inputError } from '../../../shared/contract/result';
import type { ByteSource } from '../imports/source';
import { sheetRowsBeyond } from '../imports/sheet-row-scan';
import type { Workbook } from '../imports/workbook';

/** Rows one reviewed sheet may hold: a pack has a row per line, and a project imports at most 500,000 lines at a time. */
export const MAX_PACK_ROWS = 500_000;

/** Refuses the first of the sheets (part → sheet name) that holds more than MAX_PACK_ROWS rows with values. */
export async function refuseOversizedSheets(source: ByteSource, book: Workbook, sheets: Map<string, string>): Promise<void> {
  for (const [part, name] of sheets) {
    const size = book.parts.get(part);
    // The smallest row with a value, <row><c><v>1</v></c></row>, is 26 bytes.
    if (size !== undefined && size < MAX_PACK_ROWS * 26) continue;
    let row: number | null;
    try {
      row = await sheetRowsBeyond(source, part, MAX_PACK_ROWS);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CANCELLED') throw e;
      return; // a damaged part: the full read says how
    }
    if (row !== null)
      throw inputError(
        `${source.name}: the sheet "${name}" holds more than ${MAX_PACK_ROWS.toLocaleString('en-GB')} rows; a Spendmap pack holds far fewer. Send back the pack as it was exported, without added rows. Nothing was changed.`,
        [{ file: source.name, row, column: 'A', message: `is past the ${MAX_PACK_ROWS.toLocaleString('en-GB')} rows a pack's sheet may hold, in the sheet "${name}": the file was not read any further.` }],
      );
  }
}
