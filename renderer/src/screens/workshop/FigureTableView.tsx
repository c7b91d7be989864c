// The exact figures behind a chart, as a plain table.
import type { FigureTable } from './series';

export function FigureTableView({ table, label, id }: { table: FigureTable; label: string; id?: string }) {
  return (
    <table className="sources figure-table" aria-label={label} id={id}>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={i} className={c.num ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i}>
            {r.map((cell, j) => (
              <td key={j} className={table.columns[j]?.num ? 'num' : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {table.foot && (
        <tfoot>
          <tr>
            {table.foot.map((cell, j) => (
              <td key={j} className={table.columns[j]?.num ? 'num' : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
