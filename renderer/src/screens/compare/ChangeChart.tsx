// The neighbourhood's movement along mainstream → aligned → virtual → pooled (the
// pilots' route map): one stacked bar per file, widths in proportion to its pence.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { formatPounds } from '../../../../shared/money';

const STATUSES = ['mainstream', 'aligned', 'virtual', 'pooled'] as const;

export function ChangeChart({ comparison }: { comparison: MethodOutput<'years.compare'> }) {
  const sides = [comparison.a, comparison.b];
  const max = Math.max(1, ...sides.map((s) => s.total_pence));
  return (
    <figure className="route-chart" aria-label="Status by year">
      <figcaption>By budget status (mainstream → aligned → virtual → pooled)</figcaption>
      <svg viewBox="0 0 640 90" role="img" width="100%">
        {sides.map((s, row) => {
          let x = 110;
          return (
            <g key={row} data-year={s.year}>
              <text x={0} y={row * 40 + 22} fontSize={13}>
                {s.year}
              </text>
              {STATUSES.map((st, i) => {
                const w = (520 * s.status_pence[st]) / max;
                const rect = (
                  <rect key={st} x={x} y={row * 40 + 6} width={w} height={26} className={`status-${st}`} fill={['#7a8793', '#3b7dd8', '#f0a030', '#2e9e5b'][i]}>
                    <title>{`${s.year} ${st}: ${formatPounds(s.status_pence[st])}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
