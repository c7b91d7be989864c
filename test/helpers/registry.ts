// Calling backend methods as every host does (the handler registry), on a test's session:
// the data, or the refusal's message as a thrown Error.
import { createRegistry } from '../../electron/backend/handlers';
import type { Session } from '../../electron/backend/session';

export function registryCaller(session: () => Session) {
  const registry = createRegistry();
  return async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const r = await registry.call(method, input, { session: session(), progress: () => {}, signal: new AbortController().signal });
    if (!r.ok) throw new Error(r.error.message);
    return r.data as T;
  };
}
