// The read-only "Agreement" column of Partners & budgets: estimated (Spendmap's working),
// corrected (a partner's change from a returned pack accepted) or agreed (signed off),
// with who signed, who recorded it and when in the cell's tooltip.
import type { ColDef } from 'ag-grid-community';
import type { Line } from '../../grid/lineColumns';

const LABELS = { estimated: 'Estimated', corrected: 'Corrected', agreed: 'Agreed' } as const;

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function tooltip(line: Line): string | null {
  const a = line.agreement;
  if (!a || a.state === 'estimated') return "Spendmap's estimate: no partner has corrected or signed off this line yet.";
  const recorded = a.at ? `Recorded ${when(a.at)}${a.recordedBy ? ` by ${a.recordedBy}` : ''}.` : '';
  if (a.state === 'agreed') return `Signed off by ${a.signedBy ?? 'the partner'}${a.signedOn ? ` on ${a.signedOn}` : ''}. ${recorded}`;
  return `A partner's correction was accepted, or the line changed after it was agreed; not signed off as it stands. ${recorded}`;
}

export function agreementColumn<Row>(lineOf: (row: Row | undefined) => Line | null): ColDef<Row> {
  return {
    colId: 'agreement',
    headerName: 'Agreement',
    headerTooltip: 'How far the partner has agreed the line: estimated, corrected (their change accepted) or agreed (signed off in a returned pack). Set by reviewing a returned pack on Export.',
    editable: false,
    // The backend sorts by the line's own fields; agreement is not one.
    sortable: false,
    width: 120,
    valueGetter: (p) => {
      const line = lineOf(p.data);
      return line ? LABELS[line.agreement?.state ?? 'estimated'] : '';
    },
    tooltipValueGetter: (p) => {
      const line = lineOf(p.data);
      return line ? tooltip(line) : null;
    },
    cellClass: (p) => {
      const line = lineOf(p.data);
      return line ? `agreement agreement-${line.agreement?.state ?? 'estimated'}` : '';
    },
  };
}
