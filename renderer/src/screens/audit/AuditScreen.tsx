// The audit log (issue 14 item 5): every change to the project, newest first, with who
// made it, when, what, old and new value, and the note (reason, screen or source file);
// filtered by line, partner and kind, and saved as CSV (made inert for spreadsheets by
// the backend, the same writer as the CLI's).
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView } from '../../../../shared/contract/audit';
import { ApiFailure, call } from '../../api/client';
import { downloadUrl, safeFileName } from '../../charts/download';
import { useApp } from '../../app/state';

const PAGE = 100;

interface Filter {
  ref: string;
  partner: string;
  entity: string;
  since: string;
}

const KIND_LABELS: Record<string, string> = {
  line: 'Spend line',
  partner: 'Partner',
  proxy: 'Proxy',
  neighbourhood: 'Neighbourhood',
  import: 'Import',
  pack: 'Returned pack',
  project: 'Project',
  proposal: 'Business case',
  history: 'Undo / redo',
  direct: 'Ward figures',
};
const kindLabel = (k: string) => KIND_LABELS[k] ?? k;

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The filter as the contract takes it: blanks left out. */
function query(f: Filter) {
  return {
    ...(f.ref.trim() ? { ref: f.ref.trim() } : {}),
    ...(f.partner ? { partner: f.partner } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.since ? { since: f.since } : {}),
  };
}

export function AuditScreen() {
  const { revision, notify } = useApp();
  const [filter, setFilter] = useState<Filter>({ ref: '', partner: '', entity: '', since: '' });
  const [rows, setRows] = useState<AuditEntryView[]>([]);
  const [page, setPage] = useState(0);
  const [total, setTotal] = useState(0);
  const [kinds, setKinds] = useState<string[]>([]);
  const [partners, setPartners] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('partners.list', {}).then((ps) => setPartners(ps.map((p) => p.name)), () => setPartners([]));
  }, [revision]);

  const load = useCallback(async (f: Filter, p: number) => {
    try {
      const q = query(f);
      const [list, count] = await Promise.all([call('audit.list', { ...q, limit: PAGE, offset: p * PAGE }), call('audit.count', q)]);
      setRows(list);
      setTotal(count.total);
      setKinds(count.kinds);
      setError(null);
    } catch (e) {
      setRows([]);
      setTotal(0);
      setError(e instanceof ApiFailure ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void load(filter, page);
  }, [filter, page, revision, load]);

  const change = (patch: Partial<Filter>) => {
    setPage(0);
    setFilter((f) => ({ ...f, ...patch }));
  };

  const exportCsv = async () => {
    try {
      const r = await call('audit.csv', query(filter));
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      downloadUrl(url, safeFileName(r.fileName));
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      notify({ kind: 'info', text: `Saved ${r.rows.toLocaleString('en-GB')} audit log entr${r.rows === 1 ? 'y' : 'ies'} as ${r.fileName}.` });
    } catch (e) {
      notify({ kind: 'error', text: e instanceof ApiFailure ? e.message : String(e) });
    }
  };

  const pages = Math.max(1, Math.ceil(total / PAGE));
  return (
    <section className="screen" aria-label="Audit log">
      <div className="screen-head">
        <h1>Audit log</h1>
        <div className="toolbar">
          <button onClick={() => void exportCsv()}>Export as CSV</button>
        </div>
      </div>
      <p className="muted">
        Every change to this project: who made it (the computer's user name), when, what changed from what to what, and the reason,
        screen or file it came from. Newest first.
      </p>
      <div className="toolbar" role="group" aria-label="Filter the audit log">
        <label>
          Line <input aria-label="Filter by line" placeholder="ref, e.g. KC-HWY" value={filter.ref} onChange={(e) => change({ ref: e.target.value })} />
        </label>
        <label>
          Partner{' '}
          <select aria-label="Filter by partner" value={filter.partner} onChange={(e) => change({ partner: e.target.value })}>
            <option value="">All partners</option>
            {partners.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select aria-label="Filter by kind" value={filter.entity} onChange={(e) => change({ entity: e.target.value })}>
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Since <input type="date" aria-label="Changes since" value={filter.since} onChange={(e) => change({ since: e.target.value })} />
        </label>
      </div>
      {error && (
        <div className="notice-error audit-error" role="alert">
          {error}
        </div>
      )}
      <div className="audit-table-wrap">
        <table className="sources audit-log" aria-label="Audit log entries">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Line</th>
              <th>Partner</th>
              <th>Field</th>
              <th>Old value</th>
              <th>New value</th>
              <th>Reason / source</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} data-audit-id={e.id}>
                <td title={e.at}>{when(e.at)}</td>
                <td>{e.who ?? <span className="muted">not recorded</span>}</td>
                <td>
                  {kindLabel(e.entity)}: {e.action}
                </td>
                <td>{e.ref}</td>
                <td>{e.partner}</td>
                <td>{e.field}</td>
                <td className="audit-value">{e.oldValue}</td>
                <td className="audit-value">{e.newValue}</td>
                <td>{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !error && <p className="muted">No changes match these filters.</p>}
      </div>
      <div className="toolbar" aria-label="Pages">
        <span data-testid="audit-count">
          {total.toLocaleString('en-GB')} change{total === 1 ? '' : 's'}
          {total > PAGE ? ` · page ${page + 1} of ${pages}` : ''}
        </span>
        <button disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          Newer
        </button>
        <button disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
          Older
        </button>
      </div>
    </section>
  );
}
