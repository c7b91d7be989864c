// What every CLI command shares: its shape, argument parsing, and writing its output.
// The commands themselves are in commands/, one file per domain.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract/methods';
import { writeFileAtomic } from '../../backend/files';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: (text: string) => void;
}

export class UsageError extends Error {}

/** One contract method: its output, or a RefusedError carrying the refusal. */
export type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface Command {
  name: string;
  usage: string;
  run: (args: string[], env: { call: Call; io: CliIO }) => Promise<void>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(args: string[], options: Options, positionals: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  if (parsed.positionals.length < positionals.length)
    throw new UsageError(`missing ${positionals.slice(parsed.positionals.length).map((p) => `<${p}>`).join(' ')}`);
  if (parsed.positionals.length > positionals.length)
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  return value as T;
}

/** Writes CSV (text, or its UTF-8 bytes) to --out (whole or not at all) or to stdout. */
export function emit(io: CliIO, out: string | undefined, text: string | Buffer): void {
  if (out) writeFileAtomic(resolve(out), text);
  else io.out(typeof text === 'string' ? text : text.toString('utf8'));
}

export async function openProject(call: Call, path: string): Promise<MethodOutput<'project.open'>> {
  return call('project.open', { path: resolve(path) });
}
