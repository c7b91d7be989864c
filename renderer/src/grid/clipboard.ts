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

/**
 * Whether a pasted block's first row is its header (copied with the data): every filled
 * cell is a column's name — as the grid shows it ("Amount £", "β") or as files call it
 * ("amount_gbp", "deprivation_weight") — and at least two are. Such a row is skipped.
 */
export function isHeaderRow(cells: readonly string[], columnNames: Iterable<string>): boolean {
  const names = new Set([...columnNames].map(squash));
  const filled = cells.map(squash).filter((c) => c !== '');
  return filled.length >= 2 && filled.every((c) => names.has(c));
}
