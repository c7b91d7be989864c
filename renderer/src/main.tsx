// The entry, kept small: boot's calls (the open project, the first screen's data) start
// as soon as it runs, while the app's scripts, about 1.1 MB (React, AG Grid), download
// and compile.
import './app/boot';
import './app/largeText';
import './styles.css';

import('./start').catch((e: unknown) => {
  document.body.textContent = `Spendmap could not start: ${e instanceof Error ? e.message : String(e)}. Reload the window.`;
});
