// The "Large text" setting (for workshops on a projector), kept in the window's storage.
// main.tsx loads this module before the app's scripts: the saved setting is on <html>
// before the first render, so the first screen is laid out once, at its size, and the
// storage is first read while the main thread waits for those scripts to compile.
import { printing } from './boot';

const KEY = 'spendmap.largeText';

const apply = (on: boolean) => document.documentElement.classList.toggle('large-text', on);

/** The saved setting, applied as this module loads (not on the print route: its URL says). */
export const largeTextAtStart: boolean = (() => {
  const on = localStorage.getItem(KEY) === '1';
  if (!printing) apply(on);
  return on;
})();

/** A change from the toolbar: shown and kept. */
export function setLargeText(on: boolean): void {
  apply(on);
  localStorage.setItem(KEY, on ? '1' : '0');
}
