// The print route: the URL hash that makes the window render only the one-page A4
// landscape workshop summary, for Chromium's print-to-PDF (Electron printToPDF, the web
// host and the CLI print this same page).
//
//   #print=workshop&neighbourhood=<name>[&whatif=<JSON, encodeURIComponent>][&large=1]
//
// The page sets document.body.dataset.ready = '1' once the data is in and every chart has
// finished drawing ('error' with document.body.dataset.error when it cannot be drawn).
import type { WhatIf } from '../../../../shared/contract/workshop';

export interface PrintRoute {
  neighbourhood: string;
  whatIf?: WhatIf;
  large: boolean;
}

/** The hash (without "#") for a print of `neighbourhood`, optionally with a what-if. */
export function printHash(route: PrintRoute): string {
  let hash = `print=workshop&neighbourhood=${encodeURIComponent(route.neighbourhood)}`;
  if (route.whatIf && (route.whatIf.lines.length || route.whatIf.partners.length)) hash += `&whatif=${encodeURIComponent(JSON.stringify(route.whatIf))}`;
  if (route.large) hash += '&large=1';
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
  return { neighbourhood, ...(whatIf ? { whatIf } : {}), large: params.get('large') === '1' };
}
