// Every refused value, with where it is and how to fix it.
import type { ApiError, Problem } from '../../../shared/contract/result';

/** The column as the user's file calls it, with its letter: D 'Budget (£000)'; else the field's name. */
export function columnInWords(p: Problem): string {
  if (!p.letter) return p.column ?? '';
  return p.heading ? `${p.letter} '${p.heading}'` : p.letter;
}

/**
 * "row 14, column D 'Budget (£000)'": where a problem is, as a spreadsheet shows it. A
 * problem outside any file (a proposal's field) is named by its field alone.
 */
export function whereInWords(p: Problem): string {
  const column = columnInWords(p);
  if (p.row === undefined && !p.letter) return column;
  return [p.row === undefined ? '' : `row ${p.row}`, column ? `column ${column}` : ''].filter(Boolean).join(', ');
}

export function ProblemList({ error }: { error: ApiError }) {
  const problems = error.details?.problems ?? [];
  const count = typeof error.details?.count === 'number' ? error.details.count : problems.length;
  return (
    <div className="problems" role="alert">
      <p className="problems-summary">{error.message}</p>
      {problems.length > 0 && (
        <div className="problems-table-wrap">
          <table className="problems-table">
            <thead>
              <tr>
                <th>File</th>
                <th>Where</th>
                <th>Value</th>
                <th>What to do</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.file ?? ''}</td>
                  <td title={p.letter && p.column && p.column !== p.letter ? `Spendmap column: ${p.column}` : undefined}>{whereInWords(p)}</td>
                  <td className="value">{p.value ?? ''}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {count > problems.length && <p>… and {count - problems.length} more problems.</p>}
        </div>
      )}
    </div>
  );
}
