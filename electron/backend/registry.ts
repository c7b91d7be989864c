// The handler registry: one implementation per contract method, called the same way
// by every host. Input is validated against the contract; results, never exceptions,
// come out. A domain's contract section and handlers load on the first call to one of
// its methods, so a host builds only the schemas it uses.
import type { z } from 'zod';
import { DOMAINS, domainOf, isMethodName, METHOD_NAMES, type Domain, type MethodSpec } from '../../shared/contract/method-index';
import type { methods, MethodInput, MethodName, MethodOutput, ProgressEvent } from '../../shared/contract/methods';
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

/** One domain: its contract section, and what registers its handlers. */
export interface DomainHandlers {
  methods: Record<string, MethodSpec>;
  register: (r: Registry) => void;
}
export type DomainLoaders = Record<Domain, () => Promise<DomainHandlers>>;

export class Registry {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();
  private readonly specs = new Map<string, MethodSpec>();
  private readonly loaded = new Map<Domain, Promise<void>>();

  constructor(private readonly loaders: DomainLoaders) {}

  /** Loads a domain once: its schemas, then its handlers. */
  private load(domain: Domain): Promise<void> {
    let done = this.loaded.get(domain);
    if (!done) {
      done = this.loaders[domain]().then(({ methods: section, register }) => {
        for (const [name, spec] of Object.entries(section)) this.specs.set(name, spec);
        register(this);
      });
      this.loaded.set(domain, done);
    }
    return done;
  }

  /** Every domain loaded (for checks that look at the whole contract). */
  async loadAll(): Promise<void> {
    await Promise.all(DOMAINS.map((d) => this.load(d)));
  }

  register<M extends MethodName>(name: M, handler: Handler<M>): void {
    if (this.handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
    this.handlers.set(name, handler as unknown as Handler<MethodName>);
  }

  /** Whether a handler is registered for the method: once its domain has loaded (loadAll, or a first call). */
  has(name: string): boolean {
    return isMethodName(name) && this.handlers.has(name);
  }

  /** Every contract method must have a handler (and its schemas): checked in the tests. */
  async missing(): Promise<MethodName[]> {
    await this.loadAll();
    return METHOD_NAMES.filter((m) => !this.handlers.has(m) || !this.specs.has(m));
  }

  async call<M extends MethodName>(name: M | string, input: unknown, ctx: HandlerContext): Promise<Result<MethodOutput<M>>> {
    if (!isMethodName(name)) return fail('UNKNOWN_METHOD', `There is no method "${String(name).slice(0, 80)}".`);
    try {
      await this.load(domainOf(name));
    } catch (e) {
      return toFailure(e, name);
    }
    const spec = this.specs.get(name);
    if (!spec || !this.handlers.has(name)) return fail('UNKNOWN_METHOD', `There is no method "${name}".`);
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
