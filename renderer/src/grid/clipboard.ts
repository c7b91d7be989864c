// Excel's clipboard format: tab-separated rows; a cell holding a tab, a newline or a
// quote is wrapped in quotes with inner quotes doubled.

export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atCellStart && c === '"') {
      // A quoted cell: read to the closing quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += text[j];
        j++;
      }
      if (closed && (j >= text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: take the quote literally.
    }
    atCellStart = false;
    if (c === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (c === '\n' || c === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else cell += c;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export function toClipboard(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[\t\n\r"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n') + '\r\n';
}

const squash = (s: string) => s.trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** The column a one-column block is pasted into: its own names, and whether a text is one of its values. */
export interface OwnColumn {
  /** As the grid shows it ("Status") and as files call it ("status"). */
  names: Iterable<string>;
  /** Whether the text is a value this column takes (a header that is also a value stays data). */
  isValue: (text: string) => boolean;
}

/**
 * Whether a pasted block's first row is its header (copied with the data), so it is
 * skipped. Two or more filled cells: every one is a column's name, as the grid shows it
 * ("Amount £", "β") or as files call it ("amount_gbp", "deprivation_weight"). One cell
 * (a one-column copy): it is the pasted-into column's own name and not one of its values,
 * and data rows follow.
 */
export function isHeaderRow(cells: readonly string[], columnNames: Iterable<string>, own?: OwnColumn, rowCount = 2): boolean {
  const filled = cells.map(squash).filter((c) => c !== '');
  if (filled.length >= 2) {
    const names = new Set([...columnNames].map(squash));
    return filled.every((c) => names.has(c));
  }
  if (filled.length !== 1 || !own || rowCount < 2) return false;
  const text = cells.find((c) => c.trim() !== '')!;
  return new Set([...own.names].map(squash)).has(filled[0]!) && !own.isValue(text);
}
