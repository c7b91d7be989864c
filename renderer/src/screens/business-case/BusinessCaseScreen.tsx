// Business case (issue 17): proposals for a neighbourhood, costed and valued over years,
// by partner, built on the project's own baseline. Edits are evaluated live (nothing is
// saved until Save, which is audited and undoable like every other edit).
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract/methods';
import type { ApiError } from '../../../../shared/contract/result';
import type { Confidence } from '../../../../shared/domain/types';
import { ApiFailure, call, fileForUpload } from '../../api/client';
import { useApp } from '../../app/state';
import { downloadBase64, downloadUrl, safeFileName } from '../../charts/download';
import { ProblemList } from '../../components/ProblemList';
import { CbaResults } from './CbaResults';
import { blankProposal, DEFAULT_BIAS, weakest, type Draft } from './draft';
import { ProposalEditor } from './ProposalEditor';
import { applyWhatIf, NO_WHAT_IF, WhatIfPanel, type WhatIfState } from './WhatIf';
import './business-case.css';

type Summary = MethodOutput<'cba.list'>[number];
type Evaluation = MethodOutput<'cba.evaluate'>;
const errorOf = (e: unknown): ApiError => (e instanceof ApiFailure ? e.error : { code: 'INTERNAL', message: String(e) });

export function BusinessCaseScreen() {
  const app = useApp();
  const neighbourhoods = app.project.neighbourhoods.map((n) => n.name);
  const [list, setList] = useState<Summary[]>([]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [bias, setBias] = useState<Record<Confidence, number>>(DEFAULT_BIAS);
  const [confidences, setConfidences] = useState<Map<string, Confidence>>(new Map());
  const [whatIf, setWhatIf] = useState<WhatIfState>(NO_WHAT_IF);

  const refreshList = () => call('cba.list', {}).then(setList);
  useEffect(() => {
    void refreshList();
    void call('budgets.page', { offset: 0, limit: 5000 }).then((p) => setConfidences(new Map(p.rows.map((l) => [l.ref.toUpperCase(), l.confidence]))));
  }, [app.revision]);

  // After undo or redo, the saved proposal may have changed: reload it unless being edited.
  useEffect(() => {
    if (loaded && !dirty) void open(loaded);
  }, [app.revision]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!draft) return;
    const t = setTimeout(() => {
      call('cba.evaluate', { proposal: applyWhatIf(draft, whatIf) }).then(
        (e) => {
          setEvaluation(e);
          setProblem(null);
        },
        (e) => setProblem(errorOf(e)),
      );
    }, 200);
    return () => clearTimeout(t);
  }, [draft, whatIf]);

  const suggested = useMemo(
    () => weakest((draft?.draws_on ?? []).flatMap((d) => {
      const c = confidences.get(String(d.ref ?? '').toUpperCase());
      return c ? [c] : [];
    })),
    [draft?.draws_on, confidences],
  );

  async function open(name: string) {
    try {
      setDraft((await call('cba.get', { name })) as Draft);
      setLoaded(name);
      setDirty(false);
    } catch {
      setLoaded(null);
      setDraft(null);
      setEvaluation(null);
    }
  }

  const edit = (d: Draft) => {
    setDraft(d);
    setDirty(true);
  };

  const create = () => {
    let name = 'New proposal';
    for (let i = 2; list.some((p) => p.name.toLowerCase() === name.toLowerCase()); i++) name = `New proposal ${i}`;
    setDraft(blankProposal(name, neighbourhoods[0] ?? '', app.project.year));
    setLoaded(null);
    setDirty(true);
    setEvaluation(null);
  };

  const save = async () => {
    if (!draft) return;
    try {
      const r = (await app.saving(call('cba.save', { proposal: draft, ...(loaded ? { previousName: loaded } : {}) }))) as MethodOutput<'cba.save'>;
      setLoaded(r.summary.name);
      setDirty(false);
      setProblem(null);
      if (r.evaluation && whatIf === NO_WHAT_IF) setEvaluation(r.evaluation);
      await refreshList();
      app.notify({ kind: 'info', text: `Saved the proposal ${r.summary.name}.` });
    } catch (e) {
      setProblem(errorOf(e));
    }
  };

  const remove = async () => {
    if (!loaded) return;
    await app.saving(call('cba.delete', { name: loaded }));
    setLoaded(null);
    setDraft(null);
    setEvaluation(null);
    await refreshList();
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = (await app.saving(call('cba.import', { file: await fileForUpload(file) }))) as MethodOutput<'cba.import'>;
      await refreshList();
      await open(r.summary.name);
    } catch (e) {
      setProblem(errorOf(e));
    }
  };

  const exportJson = async () => {
    if (!loaded) return;
    const r = await call('cba.export', { name: loaded });
    const url = URL.createObjectURL(new Blob([r.json], { type: 'application/json' }));
    downloadUrl(url, safeFileName(r.fileName));
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const workbook = async () => {
    if (!loaded) return;
    const r = await call('cba.workbook', { name: loaded });
    if (r.base64) downloadBase64(r.base64, safeFileName(r.fileName), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };

  if (!neighbourhoods.length)
    return (
      <section className="screen" aria-label="Business case">
        <div className="screen-head">
          <h1>Business case</h1>
        </div>
        <div className="empty-hint">
          <p>A business case is for one neighbourhood. Create a neighbourhood on the Neighbourhood screen first.</p>
        </div>
      </section>
    );

  return (
    <section className="screen business-case" aria-label="Business case">
      <div className="screen-head">
        <h1>Business case{draft ? `: ${draft.name}` : ''}</h1>
        <div className="cba-actions">
          <button onClick={create}>New proposal</button>
          <label className="button-like">
            Import proposal.json <input type="file" accept=".json,application/json" aria-label="Import proposal.json" onChange={(e) => void importFile(e.target.files?.[0])} />
          </label>
          {draft && (
            <button className="primary" disabled={!dirty} onClick={() => void save()}>
              {dirty ? 'Save proposal' : 'Saved'}
            </button>
          )}
          {loaded && !dirty && (
            <>
              <button onClick={() => void exportJson()}>Download proposal.json</button>
              <button onClick={() => void workbook()}>Download workbook</button>
              <button onClick={() => void remove()}>Delete</button>
            </>
          )}
        </div>
      </div>
      <div className="cba-body">
        <nav className="cba-list" aria-label="Proposals">
          {list.length === 0 && <p className="muted">No proposals yet.</p>}
          <ul>
            {list.map((p) => (
              <li key={p.id}>
                <button className={p.name === loaded ? 'active' : ''} onClick={() => void open(p.name)}>
                  {p.name} <span className="muted">{p.neighbourhood}, {p.years} yr</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {draft ? (
          <div className="cba-main">
            <ProposalEditor draft={draft} onChange={edit} neighbourhoods={neighbourhoods} bias={bias} onBias={setBias} suggestedConfidence={suggested} />
            <WhatIfPanel value={whatIf} onChange={setWhatIf} />
            {problem ? <ProblemList error={problem} /> : evaluation && <CbaResults evaluation={evaluation} />}
          </div>
        ) : (
          <div className="empty-hint">
            <p>Choose a proposal, start a new one, or import a proposal.json.</p>
          </div>
        )}
      </div>
    </section>
  );
}
