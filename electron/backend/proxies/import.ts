// Custom ward proxies from a CSV of `ward_code,value` (claimants, crimes, pupils...).
// All or nothing: unknown or repeated wards, non-numbers and negatives are refused
// with file, row and column; wards without a value are listed as a warning.
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/methods';
import { forbiddenCharacter, normalText } from '../../../shared/domain/fields';
import { PROXY_NAME_PATTERN, SPECIAL_BASES, isStandardProxy } from '../../../shared/domain/proxies';
import { refsOnBasis } from '../budgets/lines-store';
import { addProxyValues, deleteProxyRow, insertProxy, nextProxyPosition, proxyIdByName, proxyWardValues, replaceProxyValues, updateProxyDescription } from './proxies-store';
import type { Project } from '../project/project';
import { writeAudit } from '../audit/log';
import { openFileInput, readTable } from '../imports/table';

/** A ward proxy has one row per ward (England has under 7,000): more rows than this is not a proxy file. */
const MAX_PROXY_ROWS = 100_000;

/** Proxy values above this are refused as implausible (and to keep sums exact). */
const MAX_PROXY_VALUE = 1e12;

export interface ProxyImport {
  file: FileInput;
  name: string;
  source?: string | undefined;
  year?: string | undefined;
  label?: string | undefined;
  includeHidden?: boolean | undefined;
}

/** A plain non-negative decimal, with optional comma thousands separators. */
export function parseProxyValue(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim().replace(/[\s\u00a0]/g, '');
  if (t === '') return { ok: false, message: 'is blank. Give a number, or leave the ward out of the file if it has no value.' };
  if (/^[-−]/.test(t)) return { ok: false, message: `"${text.trim()}" is negative. Proxy values must be 0 or more.` };
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(t))
    return { ok: false, message: `"${text.trim()}" is not a number. Write it in full with digits, e.g. 1234 or 12.5.` };
  const v = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(v) || v > MAX_PROXY_VALUE) return { ok: false, message: `"${text.trim()}" is too large for a ward figure (over ${MAX_PROXY_VALUE.toExponential()}).` };
  return { ok: true, value: v };
}

export async function importProxy(project: Project, input: ProxyImport) {
  const name = input.name.trim().toLowerCase();
  if (!PROXY_NAME_PATTERN.test(name))
    throw new AppError('INPUT', `"${input.name}" cannot name a proxy: use lower-case letters, digits and _, starting with a letter (e.g. claimants_2024).`);
  if (isStandardProxy(name) || (SPECIAL_BASES as readonly string[]).includes(name))
    throw new AppError('INPUT', `"${name}" is a standard name in Spendmap and cannot be replaced. Choose another name, e.g. ${name}_local.`);
  const fileSource = openFileInput(input.file);
  let table;
  try {
    table = await readTable(fileSource, { includeHidden: input.includeHidden, maxRows: MAX_PROXY_ROWS, tooMany: 'A ward proxy has one row per ward: check this is the right file.' });
  } finally {
    fileSource.close();
  }
  const file = fileSource.name;
  const header = (table.rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const wardCol = header.indexOf('ward_code');
  const valueCol = header.indexOf('value');
  const problems: Problem[] = [];
  if (wardCol < 0) problems.push({ file, row: 1, column: 'ward_code', message: 'the header has no "ward_code" column. The file must have the header ward_code,value.' });
  if (valueCol < 0) problems.push({ file, row: 1, column: 'value', message: 'the header has no "value" column. The file must have the header ward_code,value.' });
  if (problems.length) throw inputError(`${file}: the header must be ward_code,value; nothing was imported.`, problems);

  const wards = project.wardCodes();
  const values = new Map<string, number>();
  const firstRow = new Map<string, number>();
  for (let i = 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    const row = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const code = (cells[wardCol] ?? '').trim().toUpperCase();
    const text = cells[valueCol] ?? '';
    if (!wards.has(code)) {
      problems.push({ file, row, column: 'ward_code', value: code, message: code ? `"${code}" is not a ward of this project. Use the project's ward codes (see the Proxies screen).` : 'is blank. Give the ward code, e.g. E05013941.' });
      continue;
    }
    if (firstRow.has(code)) {
      problems.push({ file, row, column: 'ward_code', value: code, message: `"${code}" is also on row ${firstRow.get(code)}. Give each ward one value.` });
      continue;
    }
    firstRow.set(code, row);
    const v = parseProxyValue(text);
    if (!v.ok) problems.push({ file, row, column: 'value', value: text, message: v.message });
    else values.set(code, v.value);
  }
  if (problems.length) throw inputError(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was imported.`, problems.slice(0, 1000));
  if (!values.size) throw inputError(`${file}: no ward values found; nothing was imported.`, [{ file, row: 2, message: 'is empty. Add one row per ward: ward_code,value.' }]);

  const missing = [...wards].filter((w) => !values.has(w)).sort();
  const source = normalText(input.source?.trim() || `Imported from ${file}`);
  const label = normalText(input.label?.trim() || name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()));
  for (const [what, t] of [['label', label], ['source', source]] as const) {
    const forbidden = forbiddenCharacter(t);
    if (forbidden) throw new AppError('INPUT', `The proxy's ${what} contains ${forbidden}, which cannot be saved. Retype it as plain text; nothing was imported.`);
  }
  project.tx(() => {
    const db = project.db;
    const old = proxyIdByName(db, name);
    const before = old === undefined ? null : proxyWardValues(db, old);
    const year = input.year ?? '';
    if (old !== undefined) {
      updateProxyDescription(db, old, { label, source, year });
      replaceProxyValues(db, old, values);
    } else {
      const id = insertProxy(db, { name, label, source, year, custom: true, position: nextProxyPosition(db) });
      addProxyValues(db, id, values);
    }
    writeAudit(project.db, [
      {
        action: old !== undefined ? 'update' : 'create',
        entity: 'proxy',
        entityId: name,
        field: 'values',
        oldValue: before,
        newValue: Object.fromEntries(values),
        note: `${old !== undefined ? 'Replaced' : 'Imported'} proxy ${name} from ${file} (${values.size} wards${missing.length ? `, ${missing.length} without a value` : ''})`,
      },
    ]);
  });
  project.invalidate();
  return { name, wards: values.size, missing, fileName: file };
}

export function deleteProxy(project: Project, name: string): void {
  const p = project.proxies().find((x) => x.name === name);
  if (!p) throw new AppError('NOT_FOUND', `There is no proxy "${name}" in this project.`);
  if (!p.custom) throw new AppError('INPUT', `"${name}" is a standard proxy from the reference pack and cannot be deleted.`);
  const used = refsOnBasis(project.db, name, 5);
  if (used.length)
    throw new AppError('CONFLICT', `Proxy "${name}" is the basis of line${used.length === 1 ? '' : 's'} ${used.join(', ')}${used.length === 5 ? '…' : ''}. Change their basis first.`);
  project.tx(() => {
    deleteProxyRow(project.db, p.id);
    writeAudit(project.db, [{ action: 'delete', entity: 'proxy', entityId: name, note: `Deleted custom proxy ${name}` }]);
  });
  project.invalidate();
}

