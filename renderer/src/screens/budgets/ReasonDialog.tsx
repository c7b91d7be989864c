// A confidence override needs a reason: it goes into the audit log with the change.
import { useState } from 'react';
import { CONFIDENCE_LETTER, type Confidence } from '../../../../shared/domain/types';
import { Modal } from '../../components/Modal';
import type { Line } from './columns';

export function ReasonDialog(props: { line: Line; value: string; onCancel: () => void; onSave: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const v = props.value as Confidence;
  return (
    <Modal
      title="Why override the confidence?"
      onClose={props.onCancel}
      footer={
        <>
          <button onClick={props.onCancel}>Cancel</button>
          <button className="primary" disabled={!reason.trim()} onClick={() => props.onSave(reason.trim())}>
            Save override
          </button>
        </>
      }
    >
      <p>
        Line <strong>{props.line.ref}</strong> ({props.line.service || props.line.partner}) is suggested{' '}
        <span className={`rag rag-${props.line.confidence}`}>{CONFIDENCE_LETTER[props.line.confidence]} {props.line.confidence}</span> from its basis
        “{props.line.basis}”. You are setting it to <span className={`rag rag-${v}`}>{CONFIDENCE_LETTER[v]} {v}</span>.
      </p>
      <label>
        Reason (kept in the audit log)
        <textarea value={reason} rows={3} onChange={(e) => setReason(e.target.value)} placeholder="e.g. partner supplied ward-level figures for 2023-24" />
      </label>
    </Modal>
  );
}
