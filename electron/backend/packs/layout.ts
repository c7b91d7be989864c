// Where everything is in a pack: shared by the writer and by the review of a returned
// pack, so both read the same cells. A pack states its own layout in the hidden
// "Spendmap" sheet too; the review checks the two agree before trusting a cell.
import { safeSheetName } from './names';

export const PACK_FORMAT = 'spendmap-pack/1';

export const SHEETS = {
  readMe: safeSheetName('Read me'),
  lines: safeSheetName('Lines'),
  proxies: safeSheetName('Proxies'),
  allocation: safeSheetName('Allocation'),
  working: safeSheetName('Working'),
  neighbourhood: safeSheetName('Neighbourhood'),
  lists: safeSheetName('Lists'),
  meta: safeSheetName('Spendmap'),
} as const;

/** Defined names of the validation lists (on the hidden Lists sheet) and of the pack's identity. */
export const NAMES = {
  bases: 'SM_Bases',
  statuses: 'SM_Statuses',
  confidences: 'SM_Confidence',
  wards: 'SM_Wards',
  /** Beside SM_Bases: the confidence each basis suggests (the Lines "Suggested confidence" lookup). */
  suggested: 'SM_Suggested',
  pack: 'SM_Pack',
  /** Readable names the Allocation formulas use. */
  proxyValues: 'ProxyValues',
  proxyNames: 'ProxyNames',
  meanScore: 'MeanIMD',
  /** Each ward's S ÷ S̄ − 1 (code order): the Σ weight of a line with β > 0 reads it. */
  ratio: 'Ratio',
} as const;

export type LineColumnKey =
  | 'ref'
  | 'partner'
  | 'partnerType'
  | 'service'
  | 'description'
  | 'amount'
  | 'year'
  | 'basis'
  | 'beta'
  | 'pct'
  | 'status'
  | 'confidence'
  | 'rag'
  | 'reason'
  | 'themes'
  | 'siteWard'
  | 'suggested'
  | 'focus'
  | 'note';

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  width: number;
  /** A cell the partner may change (yellow). */
  input?: boolean;
}

export const LINE_COLUMNS: readonly ColumnSpec<LineColumnKey>[] = [
  { key: 'ref', header: 'Ref', width: 12 },
  { key: 'partner', header: 'Partner', width: 28 },
  { key: 'partnerType', header: 'Partner type', width: 12 },
  { key: 'service', header: 'Service', width: 30 },
  { key: 'description', header: 'Description', width: 40 },
  { key: 'amount', header: 'Amount (£)', width: 17, input: true },
  { key: 'year', header: 'Year', width: 9 },
  { key: 'basis', header: 'Basis', width: 20, input: true },
  { key: 'beta', header: 'β (deprivation weighting)', width: 14, input: true },
  { key: 'pct', header: 'Discretionary %', width: 14, input: true },
  { key: 'status', header: 'Status', width: 12, input: true },
  { key: 'confidence', header: 'Confidence', width: 12, input: true },
  { key: 'rag', header: 'RAG', width: 6 },
  { key: 'reason', header: 'Confidence reason', width: 30, input: true },
  { key: 'themes', header: 'Themes', width: 28 },
  { key: 'siteWard', header: 'Site ward', width: 12, input: true },
  { key: 'suggested', header: 'Suggested confidence', width: 14 },
  { key: 'focus', header: '80:20 focus', width: 10 },
  { key: 'note', header: 'Spendmap note', width: 50 },
];

/** 1-based column of a Lines field. */
export const LC = Object.fromEntries(LINE_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<LineColumnKey, number>;

export const LINES_HEADER_ROW = 4;
export const LINES_FIRST_ROW = LINES_HEADER_ROW + 1;

export type AllocationColumnKey =
  | 'ref'
  | 'partner'
  | 'linesRow'
  | 'basis'
  | 'beta'
  | 'amount'
  | 'pct'
  | 'confidence'
  | 'siteWard'
  | 'allocated'
  | 'wardSum'
  | 'difference'
  | 'themes'
  | 'note';

/** Allocation: what a partner reads. The penny-rounding working is on the Working sheet, same rows. */
export const ALLOCATION_COLUMNS: readonly ColumnSpec<AllocationColumnKey>[] = [
  { key: 'ref', header: 'Ref', width: 12 },
  { key: 'partner', header: 'Partner', width: 24 },
  { key: 'linesRow', header: 'Row in Lines', width: 8 },
  { key: 'basis', header: 'Basis', width: 18 },
  { key: 'beta', header: 'β', width: 7 },
  { key: 'amount', header: 'Amount (£)', width: 16 },
  { key: 'pct', header: 'Discretionary %', width: 11 },
  { key: 'confidence', header: 'Confidence', width: 11 },
  { key: 'siteWard', header: 'Site ward', width: 11 },
  { key: 'allocated', header: 'Allocated (1 = yes)', width: 9 },
  { key: 'wardSum', header: 'Σ wards (£)', width: 16 },
  { key: 'difference', header: 'Check: Σ wards − amount (£)', width: 12 },
  { key: 'themes', header: 'Themes', width: 24 },
  { key: 'note', header: 'Note', width: 40 },
];

export const AC = Object.fromEntries(ALLOCATION_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<AllocationColumnKey, number>;

/**
 * Allocation: block titles on row 3, ward names on row 4; from row 5 one row of flags per
 * neighbourhood above the ward amounts, and S ÷ S̄ − 1 above the weights; then the header.
 */
export const ALLOCATION_BLOCK_ROW = 3;
export const ALLOCATION_WARD_NAME_ROW = 4;
export const ALLOCATION_FLAG_ROW = 5;
export const ALLOCATION_RATIO_ROW = 5;
export const allocationHeaderRow = (neighbourhoods: number) => ALLOCATION_FLAG_ROW + Math.max(1, neighbourhoods);

/**
 * Working: the largest-remainder rounding of each formula line, on the same row as the
 * line on Allocation, in short steps: per line (columns below), then one block of n
 * columns (wards in code order, the order ties go in) for each of WORKING_BLOCKS.
 */
export type WorkingColumnKey = 'ref' | 'amountPence' | 'basis' | 'beta' | 'siteWard' | 'proxyColumn' | 'wardsWithValue' | 'sumProxy' | 'sumWeight' | 'leftover';
export const WORKING_COLUMNS: readonly ColumnSpec<WorkingColumnKey>[] = [
  { key: 'ref', header: 'Ref', width: 12 },
  { key: 'amountPence', header: 'Amount (pence)', width: 15 },
  { key: 'basis', header: 'Basis', width: 16 },
  { key: 'beta', header: 'β', width: 6 },
  { key: 'siteWard', header: 'Site ward', width: 11 },
  { key: 'proxyColumn', header: 'Proxy column', width: 8 },
  { key: 'wardsWithValue', header: 'Wards with a value', width: 8 },
  { key: 'sumProxy', header: 'Σ proxy', width: 14 },
  { key: 'sumWeight', header: 'Σ weight', width: 14 },
  { key: 'leftover', header: 'Leftover pennies', width: 9 },
];
export const WC = Object.fromEntries(WORKING_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<WorkingColumnKey, number>;
export const WORKING_BLOCKS = ['exact', 'whole', 'remainder', 'rank'] as const;
export type WorkingBlock = (typeof WORKING_BLOCKS)[number];
/** First column of a block, for n wards. */
export const workingBlockColumn = (block: WorkingBlock, n: number) => WORKING_COLUMNS.length + 1 + WORKING_BLOCKS.indexOf(block) * n;

/** Proxies: S̄ in C2, labels on row 3, names (what a basis says) on row 4, wards from row 5. */
export const PROXIES_MEAN_CELL = 'C2';
export const PROXIES_LABEL_ROW = 3;
export const PROXIES_HEADER_ROW = 4;
export const PROXIES_FIRST_ROW = 5;

/** Meta sheet: key/value rows, then one row per exported line: ref, JSON of what was exported. */
export const META_SNAPSHOT_ROW = 30;

/** 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A → 1, AA → 27: the inverse of colLetter. */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

export const cellRef = (col: number, row: number, absCol = false, absRow = false) =>
  `${absCol ? '$' : ''}${colLetter(col)}${absRow ? '$' : ''}${row}`;

/** What a line looked like when its pack was exported: the base a review compares against. */
export interface LineSnapshot {
  id: number;
  ref: string;
  amountPence: number;
  basis: string;
  beta: number;
  pct: number;
  status: string;
  /** Effective confidence (override, else suggested). */
  confidence: string;
  siteWard: string | null;
  /** Ward code → pence; null when the partner had given none. */
  direct: Record<string, number> | null;
}

/** A snapshot as stored in the pack: a compact JSON array (a pack holds thousands). */
export function encodeSnapshot(s: LineSnapshot): string {
  return JSON.stringify([s.id, s.ref, s.amountPence, s.basis, s.beta, s.pct, s.status, s.confidence, s.siteWard, s.direct]);
}

export function decodeSnapshot(text: string): LineSnapshot {
  const a = JSON.parse(text) as unknown[];
  if (!Array.isArray(a) || a.length !== 10 || typeof a[0] !== 'number' || typeof a[1] !== 'string' || typeof a[2] !== 'number' || typeof a[3] !== 'string')
    throw new Error('not a line snapshot');
  return {
    id: a[0],
    ref: a[1],
    amountPence: a[2],
    basis: a[3],
    beta: Number(a[4]),
    pct: Number(a[5]),
    status: String(a[6]),
    confidence: String(a[7]),
    siteWard: typeof a[8] === 'string' ? a[8] : null,
    direct: a[9] && typeof a[9] === 'object' ? (a[9] as Record<string, number>) : null,
  };
}

/**
 * Read me: the sign-off block, at fixed cells near the top so a reader finds it whatever
 * follows. Labels in column A, the partner's entries (yellow) in column B.
 */
export const SIGN_OFF_TITLE_ROW = 4;
export const SIGN_OFF_CELLS = {
  name: 'B5',
  role: 'B6',
  organisation: 'B7',
  date: 'B8',
  agreement: 'B9',
} as const;
export type SignOffField = keyof typeof SIGN_OFF_CELLS;
export const SIGN_OFF_LABELS: Record<SignOffField, string> = {
  name: 'Name',
  role: 'Role',
  organisation: 'Organisation',
  date: 'Date (dd/mm/yyyy)',
  agreement: 'Agreement',
};
/** The data-validation list of the agreement cell, and what each choice means. */
export const AGREEMENT_CHOICES = {
  'I agree these figures': 'as-sent',
  'I agree these figures with the changes I have made': 'with-changes',
} as const;
export type AgreementKind = (typeof AGREEMENT_CHOICES)[keyof typeof AGREEMENT_CHOICES];
/** The Read me row where the method and instructions start, below the sign-off block. */
export const READ_ME_BODY_ROW = 11;

/**
 * A line's export fingerprint: a short hash of its snapshot, written beside it on the
 * meta sheet (column C of the snapshot rows) so a review can tell which of a partner's
 * lines changed in Spendmap since the pack left.
 */
export function snapshotFingerprint(s: LineSnapshot): string {
  // FNV-1a over the encoded snapshot: stable, no Node crypto needed by readers.
  let h = 0x811c9dc5;
  const text = encodeSnapshot(s);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
