// One field set for every ticked line at once (issue 14 item 6): "β 0.5 for these 40".
import { useState } from 'react';
import type { EditableField } from '../../../../shared/domain/types';

const FIELDS: { field: EditableField; label: string }[] = [
  { field: 'beta', label: 'β' },
  { field: 'discretionaryPct', label: 'Discretionary %' },
  { field: 'basis', label: 'Basis' },
  { field: 'status', label: 'Status' },
  { field: 'year', label: 'Year' },
  { field: 'themes', label: 'Themes' },
];

export function SetForSelected(props: { count: number; onSet: (field: EditableField, value: string, label: string) => void }) {
  const [field, setField] = useState<EditableField>('beta');
  const [value, setValue] = useState('');
  const label = FIELDS.find((f) => f.field === field)!.label;
  return (
    <form
      className="toolbar set-for-selected"
      aria-label="Set a field for the ticked lines"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSet(field, value.trim(), label);
      }}
    >
      <label>
        Set{' '}
        <select aria-label="Field to set" value={field} onChange={(e) => setField(e.target.value as EditableField)}>
          {FIELDS.map((f) => (
            <option key={f.field} value={f.field}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        to <input aria-label="Value to set" value={value} onChange={(e) => setValue(e.target.value)} size={10} />
      </label>
      <button type="submit">
        for {props.count} ticked line{props.count === 1 ? '' : 's'}
      </button>
    </form>
  );
}
