// Importing a partner's CSV or XLSX: the Spendmap template as it is, or any layout
// through a column mapping that is remembered for the partner. Bad files import nothing.
import { useEffect, useState } from 'react';
import type { ColumnMapping, MethodOutput } from '../../../../shared/contract/methods';
import type { ApiError } from '../../../../shared/contract/result';
import type { ProgressEvent } from '../../../../shared/contract/events';
import { columnLetter } from '../../../../shared/domain/column-letter';
import { REQUIRED_COLUMNS, TEMPLATE_COLUMNS, UNITS, type TemplateColumn, type Units } from '../../../../shared/domain/types';
import { ApiFailure, bridge, call, fileForUpload } from '../../api/client';
import { Modal } from '../../components/Modal';
import { ProblemList } from '../../components/ProblemList';

type Inspected = MethodOutput<'imports.inspect'>;
type Upload = { name: string; base64: string };

const UNIT_LABEL: Record<Units, string> = { pounds: '£ (pounds)', thousands: '£000 (thousands)', millions: '£m (millions)' };
const FIXED = '__fixed__';
const NONE = '';

export function ImportDialog(props: { onClose: () => void; onImported: (r: MethodOutput<'imports.budgets'>) => void }) {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [info, setInfo] = useState<Inspected | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [units, setUnits] = useState<Units>('pounds');
  const [partner, setPartner] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  /** Hidden sheets, rows and columns are refused unless the user says to read them. */
  const [includeHidden, setIncludeHidden] = useState(false);

  useEffect(() => bridge.on('progress', (p) => setProgress(p as ProgressEvent)), []);

  const inspect = async (u: Upload, opts: { sheet?: string; headerRow?: number; partner?: string; includeHidden?: boolean } = {}) => {
    setError(null);
    setBusy('Reading the file…');
    try {
      const hidden = opts.includeHidden ?? includeHidden;
      const r = await call('imports.inspect', { file: u, ...opts, ...(hidden ? { includeHidden: true } : {}) });
      setInfo(r);
      setMapping(r.mapping);
      setUnits(r.units);
      const fixedPartner = r.mapping.partner && 'value' in r.mapping.partner ? r.mapping.partner.value : '';
      if (fixedPartner && !partner) setPartner(fixedPartner);
    } catch (e) {
      setInfo(null);
      setError(e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });
    } finally {
      setBusy(null);
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const u = await fileForUpload(file);
    setUpload(u);
    await inspect(u);
  };

  const missing = REQUIRED_COLUMNS.filter((c) => {
    const m = mapping[c];
    return !m || ('value' in m ? m.value.trim() === '' : m.column === '');
  });

  const run = async () => {
    if (!upload || !info) return;
    setError(null);
    setBusy('Importing…');
    setProgress(null);
    try {
      const r = await call('imports.budgets', {
        file: upload,
        units,
        ...(info.sheet ? { sheet: info.sheet } : {}),
        ...(includeHidden ? { includeHidden: true } : {}),
        ...(info.canonical ? {} : { mapping, headerRow: info.headerRow, ...(partner.trim() ? { rememberFor: partner.trim() } : {}) }),
      });
      props.onImported(r);
    } catch (e) {
      setError(e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });
    } finally {
      setBusy(null);
    }
  };

  const setSource = (col: TemplateColumn, choice: string) => {
    setMapping((m) => {
      const next = { ...m };
      if (choice === NONE) delete next[col];
      else if (choice === FIXED) next[col] = { value: '' };
      else next[col] = { column: choice };
      return next;
    });
  };

  return (
    <Modal
      title="Import a partner's budget"
      onClose={props.onClose}
      wide
      footer={
        <>
          {busy === 'Importing…' && (
            <button onClick={() => void call('app.cancel', {})} className="danger-link">
              Cancel import
            </button>
          )}
          <button onClick={props.onClose}>Close</button>
          <button
            className="primary"
            disabled={!info || !!busy || (!info.canonical && missing.length > 0)}
            onClick={() => void run()}
          >
            {info ? `Import ${info.rowCount.toLocaleString('en-GB')} lines` : 'Import'}
          </button>
        </>
      }
    >
      <label>
        File (CSV or Excel .xlsx)
        <input type="file" accept=".csv,.txt,.xlsx,.xlsm" aria-label="Budget file" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {upload && /\.xls[xm]$/i.test(upload.name) && (
        <label className="inline">
          <input
            type="checkbox"
            checked={includeHidden}
            onChange={(e) => {
              setIncludeHidden(e.target.checked);
              void inspect(upload, { includeHidden: e.target.checked, ...(info?.sheet ? { sheet: info.sheet } : {}) });
            }}
          />
          Include hidden rows (and hidden sheets and columns): import values Excel is not showing
        </label>
      )}
      {info && (
        <div className="import-info">
          <div className="form-grid">
            {info.sheets.length > 1 && (
              <label>
                Sheet
                <select value={info.sheet ?? ''} onChange={(e) => upload && void inspect(upload, { sheet: e.target.value })}>
                  {info.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Header is on row
              <input
                type="number"
                min={1}
                value={info.headerRow}
                onChange={(e) => upload && Number(e.target.value) >= 1 && void inspect(upload, { headerRow: Number(e.target.value), ...(info.sheet ? { sheet: info.sheet } : {}) })}
              />
            </label>
            <label>
              Amounts are in
              <select value={units} onChange={(e) => setUnits(e.target.value as Units)} aria-label="Units">
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {UNIT_LABEL[u]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className={info.canonical ? 'ok' : 'muted'}>
            {info.fileName}: {info.rowCount.toLocaleString('en-GB')} lines.{' '}
            {info.canonical
              ? 'The columns are the Spendmap budget template.'
              : info.mappingFrom === 'remembered'
                ? 'Columns mapped as last time for this layout: check them.'
                : 'Match the file’s columns to Spendmap’s (we guessed where we could).'}
          </p>
          {!info.canonical && (
            <>
              <table className="mapping">
                <thead>
                  <tr>
                    <th>Spendmap column</th>
                    <th>From the file</th>
                  </tr>
                </thead>
                <tbody>
                  {TEMPLATE_COLUMNS.map((c) => {
                    const m = mapping[c];
                    const choice = !m ? NONE : 'value' in m ? FIXED : m.column;
                    return (
                      <tr key={c} className={missing.includes(c) ? 'missing' : ''}>
                        <td>
                          <code>{c}</code>
                          {REQUIRED_COLUMNS.includes(c) && <span className="req"> required</span>}
                        </td>
                        <td>
                          <select aria-label={`Source of ${c}`} value={choice} onChange={(e) => setSource(c, e.target.value)}>
                            <option value={NONE}>— not in this file —</option>
                            {info.header.map((h, i) => h && <option key={`${h}-${i}`} value={h}>{`Column ${h}`}</option>)}
                            <option value={FIXED}>Same value for every line…</option>
                          </select>
                          {m && 'value' in m && (
                            <input
                              aria-label={`Value of ${c} for every line`}
                              value={m.value}
                              placeholder={c === 'partner_type' ? 'council, health, police, dwp, fire, housing, vcs or other' : ''}
                              onChange={(e) => setMapping((old) => ({ ...old, [c]: { value: e.target.value } }))}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <label>
                Remember this layout for partner
                <input value={partner} onChange={(e) => setPartner(e.target.value)} placeholder="e.g. Metropolitan Police" />
              </label>
            </>
          )}
          <div className="preview-wrap">
            <table className="preview">
              <thead>
                {/* Numbered and lettered as the spreadsheet shows it, so a problem's "row 14, column D" can be found. */}
                <tr className="letters">
                  <th />
                  {info.header.map((_, i) => (
                    <th key={i}>{columnLetter(i)}</th>
                  ))}
                </tr>
                <tr>
                  <th className="muted">{info.headerRow}</th>
                  {info.header.map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {info.sample.slice(0, 8).map((r, i) => (
                  <tr key={i}>
                    <td className="muted">{info.sampleRows[i]}</td>
                    {r.map((c, k) => (
                      <td key={k}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {busy && (
        <p role="status" className="progress-line">
          {busy} {progress && progress.total > 0 ? `${progress.message} (${Math.round((100 * progress.done) / progress.total)}%)` : ''}
        </p>
      )}
      {error && <ProblemList error={error} />}
    </Modal>
  );
}
