// The handler registry: one implementation per contract method, called the same way
// by every host. Input is validated against the contract; results, never exceptions,
// come out.
import { z } from 'zod';
import { methods, isMethodName, type MethodInput, type MethodName, type MethodOutput, type ProgressEvent } from '../../shared/contract/methods';
import { AppError, fail, ok, type Result } from '../../shared/contract/result';
import type { Session } from './session';

export interface HandlerContext {
  session: Session;
  /** Reports progress of long work to whoever is watching (a progress bar, a CLI). */
  progress: (p: Omit<ProgressEvent, 'task'>) => void;
  /** Set when the user cancels. Long handlers check it between chunks. */
  signal: AbortSignal;
  /** The tab or window calling, as named in change events. */
  origin?: string;
}

export type Handler<M extends MethodName> = (
  input: z.output<(typeof methods)[M]['input']>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export class Registry {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  register<M extends MethodName>(name: M, handler: Handler<M>): void {
    if (this.handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
    this.handlers.set(name, handler as unknown as Handler<MethodName>);
  }

  has(name: string): boolean {
    return isMethodName(name) && this.handlers.has(name);
  }

  /** Every contract method must have a handler: checked once at start-up and in the tests. */
  missing(): MethodName[] {
    return (Object.keys(methods) as MethodName[]).filter((m) => !this.handlers.has(m));
  }

  async call<M extends MethodName>(name: M | string, input: unknown, ctx: HandlerContext): Promise<Result<MethodOutput<M>>> {
    if (!isMethodName(name) || !this.handlers.has(name))
      return fail('UNKNOWN_METHOD', `There is no method "${String(name).slice(0, 80)}".`);
    const spec = methods[name];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return fail('VALIDATION', `Invalid input for ${name}${where}: ${first?.message ?? 'invalid'}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
      });
    }
    try {
      const data = await this.handlers.get(name)!(parsed.data as never, ctx);
      const checked = spec.output.safeParse(data);
      if (!checked.success) {
        return fail('INTERNAL', `Spendmap produced an answer for ${name} that does not match its contract; please report this.`, {
          issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String), message: i.message })),
        });
      }
      return ok(checked.data as MethodOutput<M>);
    } catch (e) {
      return toFailure(e, name);
    }
  }
}

export function toFailure(e: unknown, name: string): Result<never> {
  if (e instanceof AppError) return fail(e.code, e.message, e.details);
  const err = e as { message?: string; code?: string };
  if (err?.code === 'SQLITE_BUSY')
    return fail('CONFLICT', 'The project file is busy in another program. Try again in a moment.');
  if (err?.code === 'SQLITE_FULL' || err?.code === 'ENOSPC')
    return fail('INTERNAL', 'The disk is full: nothing was saved. Free some space and try again.');
  return fail('INTERNAL', `Spendmap hit an unexpected problem in ${name}: ${err?.message ?? String(e)}. Nothing was half-saved; please report this.`);
}

export type { MethodInput };
