// Workshop: a neighbourhood's figures as charts for a room, with a live what-if panel.
// A what-if is tried on the engine alone (workshop.view) and saved only when the user
// says so (workshop.apply: the normal audited, undoable write).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { WhatIf } from '../../../../shared/contract/workshop';
import { ApiFailure, bridge, call } from '../../api/client';
import { useApp } from '../../app/state';
import { downloadBase64, safeFileName } from '../../charts/download';
import { LatestRequest } from './schedule';
import { partnerSeries, ukDate, type WorkshopView } from './series';
import { EMPTY_WHAT_IF, isEmpty, toWhatIf, type WhatIfState } from './whatif';
import { isNeutral } from '../business-case/proposalWhatIf';
import { WhatIfPanel } from './WhatIfPanel';
import { WorkshopBusinessCase, type CbaChoice } from './WorkshopBusinessCase';
import { WorkshopFigures } from './WorkshopFigures';
import { WorkshopMap } from './WorkshopMap';
import { YearOnYearCard } from '../compare/YearOnYearCard';

const NB_KEY = 'spendmap.workshop.neighbourhood';
const PANEL_KEY = 'spendmap.workshop.panel';

type ViewInput = { neighbourhood: string; whatIf?: WhatIf };

/** For the benchmark and tests: how many views were put on screen, and when (performance.now()). */
declare global {
  interface Window {
    __spendmapWorkshop?: { applied: number; appliedAt: number };
  }
}

/** Whether two lists of saved lines say the same (what the panel shows and works from). */
function sameLines(a: WorkshopView['lines'], b: WorkshopView['lines']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.ref !== y.ref || x.partner !== y.partner || x.service !== y.service || x.amountPence !== y.amountPence || x.basis !== y.basis || x.beta !== y.beta || x.discretionaryPct !== y.discretionaryPct)
      return false;
  }
  return true;
}

const message = (e: unknown) => (e instanceof ApiFailure ? e.message : e instanceof Error ? e.message : String(e));

export function WorkshopScreen() {
  const app = useApp();
  const list = app.project.neighbourhoods;
  const [neighbourhood, setNeighbourhood] = useState<string>(() => {
    const saved = localStorage.getItem(NB_KEY);
    return list.find((n) => n.name === saved)?.name ?? list[0]?.name ?? '';
  });
  const [view, setView] = useState<WorkshopView | null>(null);
  // The saved lines the panel offers: kept as the same array while they do not change, so a
  // what-if redraws the charts without rebuilding a 2,000-line picker.
  const [lines, setLines] = useState<WorkshopView['lines']>([]);
  const [saved, setSaved] = useState<WorkshopView | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIfState>(EMPTY_WHAT_IF);
  const [bases, setBases] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [pdfBusy, setPdfBusy] = useState(false);
  const [panel, setPanel] = useState(() => localStorage.getItem(PANEL_KEY) !== '0');
  // The business-case card's proposal and what-if, for the PDF.
  const cbaChoice = useRef<CbaChoice | null>(null);
  const onCbaChoice = useCallback((c: CbaChoice | null) => {
    cbaChoice.current = c;
  }, []);
  const nbRef = useRef(neighbourhood);
  nbRef.current = neighbourhood;

  const runner = useMemo(
    () =>
      new LatestRequest<ViewInput, WorkshopView>(
        // A what-if redraw needs only the figures: the panel already holds the lines.
        (input) => call('workshop.view', { ...input, withLines: !input.whatIf }),
        (v, input) => {
          if (input.neighbourhood !== nbRef.current) return;
          setView(v);
          if (!input.whatIf) setLines((old) => (sameLines(old, v.lines) ? old : v.lines));
          if (!input.whatIf) setSaved(v);
          setError(null);
        },
        (e, input) => {
          if (input.neighbourhood === nbRef.current) setError(message(e));
        },
      ),
    [],
  );
  useEffect(() => () => runner.close(), [runner]);

  // Keep the chosen neighbourhood valid when neighbourhoods are added, renamed or deleted.
  useEffect(() => {
    if (!list.some((n) => n.name === neighbourhood)) setNeighbourhood(list[0]?.name ?? '');
  }, [list, neighbourhood]);

  useEffect(() => {
    if (neighbourhood) localStorage.setItem(NB_KEY, neighbourhood);
  }, [neighbourhood]);

  useEffect(() => {
    void call('proxies.table', {}).then(
      (t) => setBases([...t.proxies.map((p) => p.name), 'even']),
      () => setBases(['population', 'even']),
    );
  }, [app.revision]);

  // Every change of neighbourhood, what-if or project (undo / redo) asks for new figures.
  const whatIfInput = useMemo(() => (isEmpty(whatIf) ? undefined : toWhatIf(whatIf)), [whatIf]);
  useEffect(() => {
    if (!neighbourhood) return;
    runner.request({ neighbourhood, ...(whatIfInput ? { whatIf: whatIfInput } : {}) });
  }, [runner, neighbourhood, whatIfInput, app.revision, app.project.lines, app.project.totalPence]);

  // The saved figures beside a what-if (to say how far it moved them).
  useEffect(() => {
    if (!neighbourhood || !whatIfInput || (saved && saved.detail.summary.neighbourhood === neighbourhood)) return;
    void call('workshop.view', { neighbourhood }).then((v) => {
      if (nbRef.current === neighbourhood) setSaved(v);
    }, () => {});
  }, [neighbourhood, whatIfInput, saved, app.revision]);
  useEffect(() => setSaved(null), [app.revision]);

  useLayoutEffect(() => {
    if (!view) return;
    const w = (window.__spendmapWorkshop ??= { applied: 0, appliedAt: 0 });
    w.applied++;
    w.appliedAt = performance.now();
  }, [view]);

  const reset = useCallback(() => setWhatIf(EMPTY_WHAT_IF), []);

  const save = async () => {
    if (isEmpty(whatIf)) return;
    setSaving(true);
    try {
      const r = (await app.saving(call('workshop.apply', { whatIf: toWhatIf(whatIf) }))) as { saved: number };
      setWhatIf(EMPTY_WHAT_IF);
      setSaved(null);
      await app.refreshProject();
      app.notify({ kind: 'info', text: `Saved the what-if: ${r.saved} line${r.saved === 1 ? '' : 's'} changed (in the audit log; Undo takes it back).` });
    } catch (e) {
      app.notify({ kind: 'error', text: `The what-if was not saved: ${message(e)}` });
    } finally {
      setSaving(false);
    }
  };

  const exportPdf = async () => {
    setPdfBusy(true);
    try {
      // workshop.pdf: input { neighbourhood, whatIf?, largeText?, proposal?, proposalWhatIf? }, output { fileName, base64 } (the print route, printed by Chromium).
      const largeText = document.documentElement.classList.contains('large-text');
      const cba = cbaChoice.current;
      const proposal = cba ? { proposal: cba.proposal, ...(isNeutral(cba.whatIf) ? {} : { proposalWhatIf: cba.whatIf }) } : {};
      const r = await bridge.invoke('workshop.pdf', { neighbourhood, ...(whatIfInput ? { whatIf: whatIfInput } : {}), ...(largeText ? { largeText } : {}), ...proposal });
      if (!r.ok) throw new ApiFailure(r.error);
      const out = r.data as { fileName?: string; base64: string };
      const name = out.fileName || `${safeFileName(`${app.project.name} - ${neighbourhood} - ${ukDate(new Date()).replace(/\//g, '-')}`)}.pdf`;
      downloadBase64(out.base64, name, 'application/pdf');
      app.notify({ kind: 'info', text: `Saved ${name}.` });
    } catch (e) {
      app.notify({ kind: 'error', text: `The PDF was not made: ${message(e)}` });
    } finally {
      setPdfBusy(false);
    }
  };

  const partners = useMemo(() => {
    const order = view ? partnerSeries(view.detail).rows.map((p) => p.partner) : [];
    const all = new Set(lines.map((l) => l.partner));
    const ordered = [...order.filter((p) => all.has(p)), ...[...all].filter((p) => !order.includes(p)).sort()];
    return ordered;
  }, [view, lines]);
  // Same order, same array: the panel's partner list is not rebuilt on every what-if.
  const partnersRef = useRef<string[]>([]);
  const stablePartners = partners.length === partnersRef.current.length && partners.every((p, i) => p === partnersRef.current[i]) ? partnersRef.current : (partnersRef.current = partners);

  const themeNames = view ? view.detail.byTheme.map((t) => t.theme).join('\n') : '';
  const themes = useMemo(() => (themeNames ? themeNames.split('\n') : []), [themeNames]);

  if (list.length === 0)
    return (
      <section className="screen workshop" aria-label="Workshop">
        <div className="screen-head">
          <h1>Workshop</h1>
        </div>
        <div className="empty-hint">
          <p>The workshop shows one neighbourhood's figures as charts. Name a neighbourhood first by ticking its wards.</p>
          <button className="primary" onClick={() => app.go('neighbourhood')}>
            Name a neighbourhood…
          </button>
        </div>
      </section>
    );

  const unsaved = !isEmpty(whatIf);
  return (
    <section className="screen workshop" aria-label="Workshop">
      <div className="screen-head">
        <h1>Workshop: {neighbourhood}</h1>
        <div className="toolbar">
          <label className="inline">
            Neighbourhood
            <select aria-label="Neighbourhood" value={neighbourhood} onChange={(e) => setNeighbourhood(e.target.value)}>
              {list.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          <button
            aria-pressed={panel}
            onClick={() => {
              localStorage.setItem(PANEL_KEY, panel ? '0' : '1');
              setPanel(!panel);
            }}
          >
            {panel ? 'Hide what-if panel' : 'What if…'}
          </button>
          <button onClick={() => void exportPdf()} disabled={pdfBusy || !view}>
            {pdfBusy ? 'Making the PDF…' : 'Export PDF…'}
          </button>
        </div>
      </div>
      {unsaved && (
        <div className="whatif-banner" role="status" data-testid="whatif-banner">
          <span>
            <strong>Unsaved what-if.</strong> These figures include changes that are not saved; the project is unchanged.
          </span>
          <span className="toolbar">
            <button onClick={reset}>Reset to saved</button>
            <button className="primary" onClick={() => void save()} disabled={saving || (view?.whatIfProblems.length ?? 0) > 0}>
              Save these changes
            </button>
          </span>
        </div>
      )}
      {error && (
        <p className="cell-problem" role="alert">
          {error}
        </p>
      )}
      {app.project.lines === 0 ? (
        <div className="empty-hint">
          <p>No spend lines yet: the workshop charts need partners' budgets. Import a partner's budget to start.</p>
          <button className="primary" onClick={() => app.go('budgets')}>
            Import a partner's budget…
          </button>
        </div>
      ) : (
        <div className={`workshop-body${panel ? ' with-panel' : ''}`}>
          <div className="workshop-main" data-testid="workshop-main">
            {view ? <WorkshopFigures view={view} saved={saved} whatIf={unsaved} /> : <div className="loading">Working out {neighbourhood}'s figures…</div>}
            {view && (
              <WorkshopMap
                neighbourhood={neighbourhood}
                whatIf={whatIfInput}
                partners={stablePartners}
                themes={themes}
                tag={unsaved ? <span className="whatif-tag">what-if</span> : null}
              />
            )}
            <YearOnYearCard neighbourhood={neighbourhood} />
            <WorkshopBusinessCase neighbourhood={neighbourhood} onChoice={onCbaChoice} />
          </div>
          {panel && view && (
            <WhatIfPanel
              lines={lines}
              partners={stablePartners}
              bases={bases}
              state={whatIf}
              onChange={setWhatIf}
              onReset={reset}
              onSave={() => void save()}
              saving={saving}
              problems={view.whatIfProblems}
            />
          )}
        </div>
      )}
    </section>
  );
}
