// The one dispatcher every host calls (Electron's utility process, the web host, the
// CLI, the tests): it queues a session's calls so edits keep their order and the file
// has one writer, answers `app.cancel` at once, runs the unqueued methods beside the
// queue, reports progress, and announces every successful command as `project.changed`.
import { isMethodName, methodKind, UNQUEUED_METHODS } from '../../shared/contract/method-index';
import type { ChangedEvent, MethodInput, MethodName, MethodOutput, ProgressEvent } from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/contract/result';
import { createRegistry } from './handlers';
import type { Registry } from './registry';
import type { Session } from './session';

export type DispatchEvent = { name: 'progress'; payload: ProgressEvent } | { name: 'project.changed'; payload: ChangedEvent };

/** Who is calling: the session it works on, and (optionally) which tab or window, named in change events. */
export interface Caller {
  session: Session;
  origin?: string;
}

/** A session's queue and the queued call running now (the one `app.cancel` stops). */
interface Lane {
  tail: Promise<unknown>;
  running: AbortController | null;
}

export class Dispatcher {
  private readonly lanes = new WeakMap<Session, Lane>();

  constructor(
    /** Receives every event with the session it belongs to; the host routes it to that session's windows. */
    private readonly emit: (event: DispatchEvent, caller: Caller) => void = () => {},
    private readonly registry: Registry = createRegistry(),
  ) {}

  private lane(session: Session): Lane {
    let lane = this.lanes.get(session);
    if (!lane) this.lanes.set(session, (lane = { tail: Promise.resolve(), running: null }));
    return lane;
  }

  /** Calls a method by name (as a host receives it): a result, never an exception. */
  async call(method: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isMethodName(method)) return this.registry.call(method, input, this.context(caller, null));
    const lane = this.lane(caller.session);
    if (method === 'app.cancel') {
      const checked = await this.registry.call('app.cancel', input, this.context(caller, null));
      if (!checked.ok) return checked;
      const running = lane.running;
      running?.abort();
      return ok({ cancelled: running !== null });
    }
    const run = async (): Promise<Result<unknown>> => {
      const controller = new AbortController();
      const queued = !UNQUEUED_METHODS.includes(method);
      if (queued) lane.running = controller;
      try {
        const result = await this.registry.call(method, input, this.context(caller, controller, method));
        if (result.ok && methodKind(method) === 'command')
          this.emit({ name: 'project.changed', payload: { method, origin: caller.origin ?? null } }, caller);
        return result;
      } finally {
        if (lane.running === controller) lane.running = null;
      }
    };
    // A print waits for the printed page's own calls, so it must not hold the queue.
    if (UNQUEUED_METHODS.includes(method)) return run();
    const result = lane.tail.then(run, run);
    lane.tail = result;
    return result;
  }

  /** The typed form, for the CLI and tests: the method's output, or its failure. */
  invoke<M extends MethodName>(method: M, input: MethodInput<M>, caller: Caller): Promise<Result<MethodOutput<M>>> {
    return this.call(method, input, caller) as Promise<Result<MethodOutput<M>>>;
  }

  private context(caller: Caller, controller: AbortController | null, task = '') {
    return {
      session: caller.session,
      ...(caller.origin ? { origin: caller.origin } : {}),
      signal: (controller ?? new AbortController()).signal,
      progress: (p: Omit<ProgressEvent, 'task'>) => this.emit({ name: 'progress', payload: { task, ...p } }, caller),
    };
  }
}
