// The typed API every screen uses: one function per contract method.
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import type { ApiError } from '../../../shared/contract/result';
import { bridge } from './bridge';

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await bridge.invoke(method, input);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.data as MethodOutput<M>;
}

/** A native file dialog where the host has one (the desktop app); null when cancelled or none. */
export async function nativeDialog(kind: 'openProject' | 'saveProject' | 'chooseFolder'): Promise<string | null> {
  if (bridge.host !== 'electron') return null;
  return (await call('host.dialog', { kind })).path;
}

/** Reads a picked file for the backend (the renderer never sees file paths). */
export async function fileForUpload(file: File): Promise<{ name: string; base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { name: file.name, base64: btoa(binary) };
}

export { bridge };
