// The relay from windows to the backend: only our own frames, only contract methods;
// native dialogs (host.dialog) are answered here, in main.
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { IPC } from '../../shared/contract/events';
import { isMethodName, methods } from '../../shared/contract/methods';
import { callBackend } from './backend';
import { sessionOf } from './print';
import { isTrustedUrl } from './window-options';

export function relayCalls(): void {
  ipcMain.handle(IPC.invoke, (event, method: unknown, input: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url)) return { ok: false, error: { code: 'VALIDATION', message: 'Refused: not a Spendmap window.' } };
    if (typeof method !== 'string' || !isMethodName(method))
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method "${String(method).slice(0, 80)}".` } };
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win) return { ok: false, error: { code: 'VALIDATION', message: 'Refused: no window.' } };
    // Native dialogs belong to this process; everything else goes to the backend.
    if (method === 'host.dialog') return showDialog(win, input);
    return callBackend(sessionOf.get(win.id) ?? win.id, method, input);
  });
}

async function showDialog(win: BrowserWindow, input: unknown) {
  const parsed = methods['host.dialog'].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: 'Invalid input for host.dialog.' } };
  const projects = [{ name: 'Spendmap project', extensions: ['spendmap'] }];
  let path: string | null = null;
  if (parsed.data.kind === 'saveProject') {
    const r = await dialog.showSaveDialog(win, { filters: projects });
    path = r.canceled ? null : (r.filePath ?? null);
  } else {
    const folder = parsed.data.kind === 'chooseFolder';
    const r = await dialog.showOpenDialog(win, folder ? { properties: ['openDirectory', 'createDirectory'] } : { properties: ['openFile'], filters: projects });
    path = r.canceled ? null : (r.filePaths[0] ?? null);
  }
  return { ok: true, data: { path } };
}
