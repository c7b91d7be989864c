// What crosses every boundary (IPC, HTTP, CLI, tests): a result, never an exception.

export const ERROR_CODES = [
  'VALIDATION', // the method's input does not match its schema
  'INPUT', // the user's data was refused (file, row, column in details.problems)
  'NOT_FOUND',
  'CONFLICT',
  'NO_PROJECT', // a project method was called with no project open
  'PROJECT_FILE', // the file cannot be opened or created as a project
  'UNKNOWN_METHOD',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One refused value in a file or a grid: where it is and how to fix it. */
export interface Problem {
  file?: string;
  row?: number;
  column?: string;
  /** The column's letter as a spreadsheet shows it ("D"), and its header in the user's file ("Budget (£000)"). */
  letter?: string;
  heading?: string;
  value?: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: { problems?: Problem[]; issues?: unknown[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details?: ApiError['details']): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Thrown inside the backend; the registry turns it into a failed Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The refused-input error that lists every problem found. */
export function inputError(summary: string, problems: Problem[]): AppError {
  return new AppError('INPUT', summary, { problems });
}

/** "budgets.csv:14:amount_gbp: "12,3x" is not an amount in pounds" (docs/cli.md). */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.row === undefined ? undefined : String(p.row), p.column].filter((x) => x !== undefined);
  return where.length ? `${where.join(':')}: ${p.message}` : p.message;
}
