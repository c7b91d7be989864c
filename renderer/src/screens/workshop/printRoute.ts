// The print route: the URL hash that makes the window render only the one-page A4
// landscape workshop summary, for Chromium's print-to-PDF (Electron printToPDF, the web
// host and the CLI print this same page).
//
//   #print=workshop&neighbourhood=<name>[&whatif=<JSON, encodeURIComponent>][&large=1]
//     [&proposal=<name>[&cbawhatif=<JSON>]]  (a second page: that proposal's business case)
//
// The page sets document.body.dataset.ready = '1' once the data is in and every chart has
// finished drawing ('error' with document.body.dataset.error when it cannot be drawn).
import type { ProposalWhatIf, WhatIf } from '../../../../shared/contract/workshop';

export interface PrintRoute {
  neighbourhood: string;
  whatIf?: WhatIf;
  large: boolean;
  proposal?: string;
  proposalWhatIf?: ProposalWhatIf;
}

/** The hash (without "#") for a print of `neighbourhood`, optionally with a what-if. */
export function printHash(route: PrintRoute): string {
  let hash = `print=workshop&neighbourhood=${encodeURIComponent(route.neighbourhood)}`;
  if (route.whatIf && (route.whatIf.lines.length || route.whatIf.partners.length)) hash += `&whatif=${encodeURIComponent(JSON.stringify(route.whatIf))}`;
  if (route.large) hash += '&large=1';
  if (route.proposal) hash += `&proposal=${encodeURIComponent(route.proposal)}`;
  if (route.proposal && route.proposalWhatIf) hash += `&cbawhatif=${encodeURIComponent(JSON.stringify(route.proposalWhatIf))}`;
  return hash;
}

/** The print route a hash asks for, or null for the normal window. Throws on a bad what-if. */
export function parsePrintHash(hash: string): PrintRoute | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.get('print') !== 'workshop') return null;
  const neighbourhood = params.get('neighbourhood') ?? '';
  const raw = params.get('whatif');
  let whatIf: WhatIf | undefined;
  if (raw) {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as WhatIf).lines) || !Array.isArray((parsed as WhatIf).partners))
      throw new Error('The what-if in the print address is not { lines: [...], partners: [...] }.');
    whatIf = parsed as WhatIf;
  }
  const proposal = params.get('proposal');
  const rawCba = proposal ? params.get('cbawhatif') : null;
  let proposalWhatIf: ProposalWhatIf | undefined;
  if (rawCba) {
    const w = JSON.parse(rawCba) as Partial<ProposalWhatIf> | null;
    if (!w || ![w.cohortPct, w.successPts, w.biasPts].every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw new Error('The business-case what-if in the print address is not { cohortPct, successPts, biasPts } (numbers).');
    proposalWhatIf = { cohortPct: w.cohortPct!, successPts: w.successPts!, biasPts: w.biasPts! };
  }
  return { neighbourhood, ...(whatIf ? { whatIf } : {}), large: params.get('large') === '1', ...(proposal ? { proposal } : {}), ...(proposalWhatIf ? { proposalWhatIf } : {}) };
}
