// Types for electron-runtime.mjs (imported by the TypeScript smoke test).
/** The Electron executable, when its runtime has been downloaded. */
export function findElectron(): string | null;
/** The Electron runtime: already here, or downloaded now by Electron's own install script. */
export function electronRuntime(): string | null;
/** better-sqlite3 built for this Electron (made once into .native/), or null with the reason printed. */
export function electronSqlite(): Promise<string | null>;
