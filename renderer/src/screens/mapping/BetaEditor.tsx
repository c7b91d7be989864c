// The β cell editor: a slider for the room, a box for the exact figure.
import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';

export function BetaEditor(props: CustomCellEditorProps) {
  // Typing into a selected cell opens the editor with that key (AG Grid's eventKey): it
  // starts the new value, as in Excel, and the caret stays after it for the next keys.
  // The text is kept here, so keys typed before the grid echoes a change are not lost.
  const typed = props.eventKey !== null && props.eventKey.length === 1 ? props.eventKey : null;
  const [text, setText] = useState(() => typed ?? (props.value == null ? '' : String(props.value)));
  const numeric = Number(text);
  const box = useRef<HTMLInputElement>(null);
  const change = (v: string) => {
    setText(v);
    props.onValueChange(v);
  };
  useEffect(() => {
    if (typed !== null) props.onValueChange(typed);
    box.current?.focus();
    if (typed === null) box.current?.select();
    // Once, when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
        onChange={(e) => change(e.target.value)}
      />
      <input ref={box} aria-label="β value" value={text} onChange={(e) => change(e.target.value)} size={5} />
    </div>
  );
}
