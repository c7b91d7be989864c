// The β cell editor: a slider for the room, a box for the exact figure.
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef } from 'react';

export function BetaEditor(props: CustomCellEditorProps) {
  const text = props.value == null ? '' : String(props.value);
  const numeric = Number(text);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, []);
  return (
    <div className="beta-editor">
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        aria-label="Deprivation weighting β"
        value={Number.isFinite(numeric) ? numeric : 0}
        onChange={(e) => props.onValueChange(e.target.value)}
      />
      <input ref={box} aria-label="β value" value={text} onChange={(e) => props.onValueChange(e.target.value)} size={5} />
    </div>
  );
}
