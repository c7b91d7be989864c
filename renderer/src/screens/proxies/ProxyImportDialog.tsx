// Adding a custom ward proxy (claimants, crimes, pupils...) from a CSV of ward_code,value.
import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { ApiError } from '../../../../shared/contract/result';
import { PROXY_NAME_PATTERN } from '../../../../shared/domain/proxies';
import { ApiFailure, call, fileForUpload } from '../../api/client';
import { Modal } from '../../components/Modal';
import { ProblemList } from '../../components/ProblemList';

export function ProxyImportDialog(props: { onClose: () => void; onImported: (r: MethodOutput<'proxies.import'>) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [source, setSource] = useState('');
  const [year, setYear] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOk = PROXY_NAME_PATTERN.test(name.trim());

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('proxies.import', {
        file: await fileForUpload(file),
        name: name.trim(),
        ...(source.trim() ? { source: source.trim() } : {}),
        ...(year.trim() ? { year: year.trim() } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      props.onImported(r);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Add a custom proxy"
      onClose={props.onClose}
      wide
      footer={
        <>
          <button onClick={props.onClose}>Cancel</button>
          <button className="primary" disabled={!file || !nameOk || busy} onClick={() => void run()}>
            {busy ? 'Importing…' : 'Import proxy'}
          </button>
        </>
      }
    >
      <p className="muted">
        A CSV with the header <code>ward_code,value</code> and one row per ward: claimants, recorded crimes, pupils, households… Values
        must be numbers of 0 or more. Importing a name that exists replaces its values.
      </p>
      <label>
        CSV file
        <input type="file" accept=".csv,.txt" aria-label="Proxy file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <div className="form-grid">
        <label>
          Name used as a basis
          <input value={name} onChange={(e) => setName(e.target.value.toLowerCase())} placeholder="claimants_2024" aria-invalid={!!name && !nameOk} />
          {name && !nameOk && <span className="field-error">Lower-case letters, digits and _, starting with a letter.</span>}
        </label>
        <label>
          Label
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Universal Credit claimants" />
        </label>
        <label>
          Source
          <input value={source} onChange={(e) => setSource(e.target.value)} placeholder="DWP Stat-Xplore, May 2024" />
        </label>
        <label>
          Year
          <input value={year} onChange={(e) => setYear(e.target.value)} placeholder="2024" />
        </label>
      </div>
      {error && <ProblemList error={error} />}
    </Modal>
  );
}
