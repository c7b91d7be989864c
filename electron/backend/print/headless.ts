// The switches for every headless Chromium we start (PDFs, map pictures, the end-to-end
// tests, the bench): one list, so what is measured is what users run.
//
// Recent Chromium (156 here) renders each new window's address-bar popup (a WebUI page, in
// a renderer process of its own) as the window opens: 0.4-1.6 s of CPU on a 2-core machine,
// at the same moment as our page loads. We never show an address bar, so it is switched
// off (features WebUIOmniboxPopup and WebUIOmniboxAimPopup).
//
// Chromium keeps only the last --disable-features it is given, and Playwright passes its
// own list first: ours repeats Playwright's (PLAYWRIGHT_DISABLED, playwright-core 1.65)
// so that none of them is dropped. test/backend/headless-chromium.test.ts fails when a Playwright
// upgrade changes its list.

/** playwright-core's own disabled features (its chromiumSwitches.ts), kept as they are. */
export const PLAYWRIGHT_DISABLED = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/** The address bar's popup, rendered for every new window. */
export const OMNIBOX_POPUP = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const;

export const HEADLESS_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  `--disable-features=${[...PLAYWRIGHT_DISABLED, ...OMNIBOX_POPUP].join(',')}`,
];
