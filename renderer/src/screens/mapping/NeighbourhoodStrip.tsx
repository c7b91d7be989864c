// The neighbourhood's figures above the Mapping grid. They live in a small store of their
// own: an edit's answer repaints the strip alone (flushSync on this component only),
// without re-rendering the screen, its toolbar and its grid first.
import { useState, useSyncExternalStore } from 'react';
import type { Strip } from '../../../../shared/contract/mapping';
import { CONFIDENCE_LETTER } from '../../../../shared/domain/types';
import { percentShares } from '../../../../shared/engine/shown-figures';
import { formatPerHead, formatPercent, formatPounds } from '../../../../shared/money';

export interface StripStore {
  get(): Strip | null;
  set(strip: Strip | null): void;
  subscribe(listener: () => void): () => void;
}

function createStripStore(): StripStore {
  let strip: Strip | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => strip,
    set(next) {
      strip = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** One store per screen: the screen sets it, NeighbourhoodStrip shows it. */
export function useStripStore(): StripStore {
  const [store] = useState(createStripStore);
  return store;
}

export function NeighbourhoodStrip({ store }: { store: StripStore }) {
  const s = useSyncExternalStore(store.subscribe, store.get);
  if (!s) return null;
  return (
    <div className="strip" aria-label="Neighbourhood figures" data-testid="mapping-strip">
      <div>
        <span className="strip-label">{s.neighbourhood}</span>
        <strong data-testid="strip-total">{formatPounds(s.total_pence)}</strong>
      </div>
      <div>
        <span className="strip-label">Per head</span>
        <strong>{s.per_head_gbp === null ? 'n/a' : formatPerHead(s.per_head_gbp)}</strong>
        <span className="muted"> borough {s.borough_per_head_gbp === null ? 'n/a' : formatPerHead(s.borough_per_head_gbp)}</span>
      </div>
      <div>
        <span className="strip-label">Influence-able</span>
        <strong data-testid="strip-influenceable">{formatPounds(s.influenceable_pence)}</strong>
        <span className="muted"> {formatPercent(s.total_pence ? (100 * s.influenceable_pence) / s.total_pence : 0)}</span>
      </div>
      <div>
        <span className="strip-label">Confidence</span>
        {/* Whole percentages by largest remainder, so the three add up to 100%. */}
        {(['green', 'amber', 'red'] as const).map((c, i, all) => (
          <span key={c} className={`rag rag-${c}`} title={`${c}: ${formatPounds(s.confidence_pence[c])}`} data-testid={`strip-confidence-${c}`}>
            {CONFIDENCE_LETTER[c]} {formatPercent(percentShares(all.map((k) => s.confidence_pence[k]))[i]!, 0)}
          </span>
        ))}
      </div>
      <div>
        <span className="strip-label">Range</span>
        <strong>
          {formatPounds(s.sensitivity.low_pence)} – {formatPounds(s.sensitivity.high_pence)}
        </strong>
      </div>
    </div>
  );
}
