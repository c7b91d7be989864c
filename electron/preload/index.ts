// The only bridge between a window and the app: invoke a contract method (main checks
// the sender and the method) and listen to allow-listed events. Nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC } from '../../shared/contract/events';

type Listener = (payload: unknown) => void;

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
});
