// The only bridge between a window and the app: invoke a contract method, listen to
// allow-listed events, and (desktop only) ask for a native file dialog.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';

type Listener = (payload: unknown) => void;
const DIALOGS = ['openProject', 'saveProject', 'chooseFolder'] as const;

contextBridge.exposeInMainWorld('spendmap', {
  host: 'electron',
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC.invoke, String(method), input),
  on: (event: string, listener: Listener): (() => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC.event, wrapped);
    return () => ipcRenderer.removeListener(IPC.event, wrapped);
  },
  dialog: (kind: string): Promise<string | null> =>
    (DIALOGS as readonly string[]).includes(kind) ? ipcRenderer.invoke(IPC.dialog, kind) : Promise.resolve(null),
});
