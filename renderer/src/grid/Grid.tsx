// AG Grid mounted with its own DOM renderer (createGrid) from a React component, not
// through ag-grid-react: that one renders every row and cell as React components and,
// under React 19, defers the grid's start to a timer; the first screen's grid paints
// sooner without both. Cell renderers here are plain (a string or an element), not React.
import { createGrid, type GridApi, type GridOptions } from 'ag-grid-community';
import { useLayoutEffect, useRef } from 'react';

/** A grid whose options are its props: the first set creates it, later changes go to updateGridOptions. */
export function Grid<Row>(props: GridOptions<Row>) {
  const host = useRef<HTMLDivElement>(null);
  const grid = useRef<{ api: GridApi<Row>; options: GridOptions<Row> } | null>(null);

  // Before the browser paints the commit that placed the host element.
  useLayoutEffect(() => {
    const api = createGrid(host.current!, { ...props });
    grid.current = { api, options: props };
    return () => {
      grid.current = null;
      api.destroy();
    };
    // Created once; the effect below passes later changes on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    const g = grid.current;
    if (!g || g.options === props) return;
    const changed: GridOptions<Row> = {};
    const keys = new Set([...Object.keys(g.options), ...Object.keys(props)] as (keyof GridOptions<Row>)[]);
    for (const k of keys) if (g.options[k] !== props[k]) (changed as Record<string, unknown>)[k] = props[k];
    g.options = props;
    if (Object.keys(changed).length) g.api.updateGridOptions(changed);
  });

  return <div ref={host} className="grid-host" />;
}
