// Export: one Excel pack per partner and one per neighbourhood into a folder, with a
// progress bar and the list of files written; and a pack that came back, reviewed
// change by change (accept or reject each) before anything is saved.
import { useEffect, useMemo, useState } from 'react';
import type { ProgressEvent } from '../../../../shared/contract/events';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { PackChange } from '../../../../shared/contract/packs';
import type { ApiError } from '../../../../shared/contract/result';
import { ApiFailure, bridge, call, fileForUpload, nativeDialog } from '../../api/client';
import { useApp } from '../../app/state';
import { ProblemList } from '../../components/ProblemList';
import { BusinessCaseExports } from '../business-case/BusinessCaseExports';
import { canAcceptSignOff, SignOffReview } from './SignOffReview';
import './export.css';

type Plan = MethodOutput<'packs.plan'>;
type Exported = MethodOutput<'packs.export'>;
type Review = MethodOutput<'packs.review'>;
type Upload = { name: string; base64: string };

const errorOf = (e: unknown): ApiError => (e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function ExportScreen() {
  const app = useApp();
  const electron = bridge.host === 'electron';
  const [plan, setPlan] = useState<Plan | null>(null);
  const [folder, setFolder] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<Exported | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void call('packs.plan', {}).then((p) => {
      setPlan(p);
      setFolder((f) => f || p.folder);
    });
  }, [app.revision, app.project.lines]);

  useEffect(
    () =>
      bridge.on('progress', (p) => {
        const e = p as ProgressEvent;
        if (e.task === 'packs.export') setProgress(e);
      }),
    [],
  );

  const choose = async () => {
    const chosen = await nativeDialog('chooseFolder');
    if (chosen) setFolder(chosen);
  };

  const run = async () => {
    setError(null);
    setResult(null);
    setProgress(null);
    setRunning(true);
    try {
      setResult(await call('packs.export', { folder: folder.trim() }));
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setRunning(false);
    }
  };

  if (!plan) return <div className="loading">Loading…</div>;
  const partners = plan.packs.filter((p) => p.kind === 'partner');
  const neighbourhoods = plan.packs.filter((p) => p.kind === 'neighbourhood');
  const pct = progress && progress.total ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <section className="screen export-screen" aria-label="Export">
      <div className="screen-head">
        <h1>Export</h1>
      </div>
      {plan.packs.length === 0 ? (
        <div className="empty-hint">
          <p>There is nothing to export yet: packs show each partner's spend lines. Import a partner's budget first.</p>
          <button className="primary" onClick={() => app.go('budgets')}>
            Import a partner's budget
          </button>
        </div>
      ) : (
        <div className="export-card">
          <h2>Excel packs for partners</h2>
          <p className="muted">
            One workbook per partner ({plural(partners.length, 'pack')}) and one per neighbourhood ({plural(neighbourhoods.length, 'pack')}
            {neighbourhoods.length === 0 ? ': name a neighbourhood on the Neighbourhood screen to get one' : ''}), each with the method, the
            lines, the proxies and every ward amount as a live formula. All of them are written, or none.
          </p>
          <div className="export-folder">
            {electron ? (
              <>
                <button onClick={() => void choose()} disabled={running}>
                  Choose folder…
                </button>
                <span className="folder-path" data-testid="export-folder">
                  {folder || 'No folder chosen yet'}
                </span>
              </>
            ) : (
              <label>
                Folder
                <input aria-label="Folder" value={folder} onChange={(e) => setFolder(e.target.value)} disabled={running} spellCheck={false} />
              </label>
            )}
            <button className="primary" disabled={running || !folder.trim()} onClick={() => void run()}>
              Export {plural(plan.packs.length, 'pack')}
            </button>
            {running && (
              <button className="danger-link" onClick={() => void call('app.cancel', {})}>
                Cancel
              </button>
            )}
          </div>
          {running && (
            <div className="export-progress" role="status">
              <progress aria-label="Export progress" max={100} value={pct} />
              <span>{progress ? progress.message : 'Starting…'}</span>
            </div>
          )}
          {error && <ProblemList error={error} />}
          {result ? (
            <div className="export-result" role="status">
              <p className="ok">
                Wrote {plural(result.files.length, 'pack')} to <code>{result.folder}</code>:
              </p>
              <table className="sources" aria-label="Files written">
                <thead>
                  <tr>
                    <th>File</th>
                    <th>Pack</th>
                    <th className="num">Lines</th>
                    <th className="num">Size</th>
                  </tr>
                </thead>
                <tbody>
                  {result.files.map((f) => (
                    <tr key={f.path}>
                      <td>{f.name}</td>
                      <td>{f.kind === 'partner' ? `Partner: ${f.subject}` : `Neighbourhood: ${f.subject}`}</td>
                      <td className="num">{f.lines.toLocaleString('en-GB')}</td>
                      <td className="num">{size(f.bytes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <details className="export-plan">
              <summary>The files that will be written</summary>
              <ul>
                {plan.packs.map((p) => (
                  <li key={p.name}>
                    {p.name} <span className="muted">({plural(p.lines, 'line')})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      <BusinessCaseExports />
      <ReturnedPack />
    </section>
  );
}

/** A pack that came back: its changes, each accepted or rejected, then applied together. */
function ReturnedPack() {
  const app = useApp();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [acceptSignOff, setAcceptSignOff] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    setReview(null);
    setError(null);
    if (!file) return;
    setBusy('Reading the pack…');
    try {
      const u = await fileForUpload(file);
      setUpload(u);
      const r = await call('packs.review', { file: u });
      setReview(r);
      // Every change starts accepted, except those that would overwrite a change made in Spendmap since export.
      setAccepted(new Set(r.changes.filter((c) => !c.conflict).map((c) => c.id)));
      setAcceptSignOff(canAcceptSignOff(r));
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!upload || !review) return;
    setBusy('Applying…');
    setError(null);
    try {
      const r = await app.saving(call('packs.apply', { file: upload, reviewId: review.reviewId, accept: [...accepted], acceptSignOff: acceptSignOff && canAcceptSignOff(review) }));
      const done = r as MethodOutput<'packs.apply'>;
      app.notify({
        kind: 'info',
        text: `${done.fileName}: ${plural(done.applied, 'change')} accepted and saved, ${done.rejected} rejected${done.agreed ? `; sign-off accepted, ${plural(done.agreed, 'line')} agreed` : ''}. The audit log names the file.`,
      });
      setReview(null);
      setUpload(null);
      await app.refreshProject();
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(null);
    }
  };

  const toggle = (c: PackChange, on: boolean) =>
    setAccepted((s) => {
      const next = new Set(s);
      if (on) next.add(c.id);
      else next.delete(c.id);
      return next;
    });

  const exportedAt = useMemo(() => (review?.exportedAt ? new Date(review.exportedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : ''), [review]);

  return (
    <div className="export-card">
      <h2>A pack that came back</h2>
      <p className="muted">
        Open a pack a partner returned: Spendmap lists each change they made (matched by ref), with the value now and theirs. Nothing is saved
        until you apply the changes you accept.
      </p>
      <label>
        Returned pack (.xlsx)
        <input type="file" accept=".xlsx" aria-label="Returned pack" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {busy && <p className="progress-line">{busy}</p>}
      {error && <ProblemList error={error} />}
      {review && (
        <div className="review" aria-label="Review">
          <p>
            <strong>{review.fileName}</strong>: the {review.kind === 'partner' ? 'partner' : 'neighbourhood'} pack for {review.subject}, exported{' '}
            {exportedAt} by {review.exportedBy}. {plural(review.lines, 'line')} checked, {plural(review.changes.length, 'change')}.
          </p>
          {review.unknownRefs.length > 0 && (
            <p className="warn">
              Not lines of this project (a pack never adds lines; add them in Partners &amp; budgets):{' '}
              {review.unknownRefs.map((u) => `${u.ref} (${u.cell})`).join(', ')}.
            </p>
          )}
          {review.missingRefs.length > 0 && <p className="warn">Rows removed from the pack (the lines stay as they are): {review.missingRefs.join(', ')}.</p>}
          {review.problems.length > 0 && (
            <ProblemList error={{ code: 'INPUT', message: `${plural(review.problems.length, 'value')} in the pack cannot be taken and are not offered:`, details: { problems: review.problems } }} />
          )}
          {review.changes.length === 0 ? (
            <p className="ok">The partner changed nothing Spendmap reads back.</p>
          ) : (
            <>
              <div className="toolbar">
                <button onClick={() => setAccepted(new Set(review.changes.map((c) => c.id)))}>Accept all</button>
                <button onClick={() => setAccepted(new Set())}>Reject all</button>
              </div>
              <table className="sources review-table" aria-label="Changes in the pack">
                <thead>
                  <tr>
                    <th>Accept</th>
                    <th>Ref</th>
                    <th>Partner</th>
                    <th>What</th>
                    <th>Now in Spendmap</th>
                    <th>In the pack</th>
                    <th>Notes</th>
                  </tr>
                </thead>
                <tbody>
                  {review.changes.map((c) => (
                    <tr key={c.id} className={accepted.has(c.id) ? 'accepted' : 'rejected'} data-change={c.id}>
                      <td>
                        <label className="accept">
                          <input
                            type="checkbox"
                            checked={accepted.has(c.id)}
                            onChange={(e) => toggle(c, e.target.checked)}
                            aria-label={`Accept ${c.ref} ${c.label}`}
                          />
                          {accepted.has(c.id) ? 'Accept' : 'Reject'}
                        </label>
                      </td>
                      <td>{c.ref}</td>
                      <td>{c.partner}</td>
                      <td>{c.label}</td>
                      <td className="old">{c.before}</td>
                      <td className="new">{c.after}</td>
                      <td>
                        {c.conflict && <div className="warn">Changed in Spendmap since export (was {c.exported}): accepting overwrites it.</div>}
                        {c.note && <div className="muted">{c.note}</div>}
                        <div className="muted">{c.cell}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <SignOffReview review={review} accept={acceptSignOff} onAccept={setAcceptSignOff} />
          <div className="toolbar">
            <button className="primary" disabled={!!busy} onClick={() => void apply()}>
              {accepted.size ? `Apply ${plural(accepted.size, 'accepted change')}` : acceptSignOff && canAcceptSignOff(review) ? 'Accept the sign-off' : 'Reject every change'}
            </button>
            <button
              onClick={() => {
                setReview(null);
                setUpload(null);
              }}
            >
              Close without changing anything
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
