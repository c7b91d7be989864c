// Every refused value, with where it is and how to fix it.
import type { ApiError } from '../../../shared/contract/result';

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
                <th>Row</th>
                <th>Column</th>
                <th>Value</th>
                <th>What to do</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.file ?? ''}</td>
                  <td className="num">{p.row ?? ''}</td>
                  <td>{p.column ?? ''}</td>
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
