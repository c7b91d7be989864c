// Open a project by its path (the web host has no native file dialog).
import { useState } from 'react';
import { Modal } from '../../components/Modal';

export function OpenProjectDialog(props: { onCancel: () => void; onOpen: (path: string) => void }) {
  const [path, setPath] = useState('');
  return (
    <Modal
      title="Open a project"
      onClose={props.onCancel}
      footer={
        <>
          <button onClick={props.onCancel}>Cancel</button>
          <button className="primary" disabled={!path.trim()} onClick={() => props.onOpen(path.trim())}>
            Open
          </button>
        </>
      }
    >
      <label>
        Path of the .spendmap file
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Spendmap/projects/Kingston 2024-25.spendmap" />
      </label>
    </Modal>
  );
}
