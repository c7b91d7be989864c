// Writing a budget file's lines while every row so far is good: one transaction, opened
// with the first good row and committed (with the import record, the next automatic
// ref and the audit entries) only when the whole file is clean. Anything else rolls
// it back, so a refused, cancelled or crashed import leaves the project as it was.
import type { FieldValues } from '../../../shared/domain/fields';
import type { Units } from '../../../shared/domain/types';
import { formatPounds } from '../../../shared/money';
import type { Project } from '../project/project';
import { nextPosition } from './lines';
import { lineInserter, renameLine } from './lines-store';
import { findOrCreatePartner } from './partners';
import { finishImportRow, startImportRow } from './imports-store';
import { nextRefNumber, setNextRefNumber } from '../project/project-store';
import { writeAudit, type AuditEntry } from '../audit/log';

/** A copy of a string that does not keep the chunk of the file it was cut from alive. */
export const own = (s: string) => (s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'));

export class BudgetWriter {
  /** True while the transaction is open. */
  open = false;
  importId = 0;
  readonly partnerNames = new Set<string>();
  private readonly audit: AuditEntry[] = [];
  private readonly partnerIds = new Map<string, number>();
  /** Automatic refs given in this import (lower case) → the line's id, in case a later row names that ref. */
  private readonly autoRefs = new Map<string, number>();
  private position = 0;
  private next = 0;
  private insert: ReturnType<typeof lineInserter> | null = null;

  constructor(
    private readonly project: Project,
    private readonly fileName: string,
    private readonly existingRefs: Set<string>,
    /** Refs the file gives (lower case) → their row; filled in by the caller as rows are checked. */
    private readonly fileRefs: Map<string, number>,
  ) {}

  private autoRef(): string {
    for (;;) {
      const ref = `L${String(this.next++).padStart(5, '0')}`;
      const key = ref.toLowerCase();
      if (!this.existingRefs.has(key) && !this.fileRefs.has(key) && !this.autoRefs.has(key)) return ref;
    }
  }

  private begin(): void {
    const db = this.project.db;
    db.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.importId = startImportRow(db, 'budgets', this.fileName);
    this.position = nextPosition(this.project);
    this.next = nextRefNumber(db);
    this.insert = lineInserter(db);
  }

  write(row: number, v: FieldValues): void {
    if (!this.open) this.begin();
    if (v.ref !== null) {
      // A ref this import already gave a line automatically: that line takes another.
      const key = v.ref.toLowerCase();
      const taken = this.autoRefs.get(key);
      if (taken !== undefined) {
        this.autoRefs.delete(key);
        const ref = this.autoRef();
        renameLine(this.project.db, taken, ref);
        this.autoRefs.set(ref.toLowerCase(), taken);
      }
    }
    const key = v.partner.toLowerCase();
    let pid = this.partnerIds.get(key);
    if (pid === undefined) this.partnerIds.set(own(key), (pid = findOrCreatePartner(this.project, v.partner, v.partnerType, this.audit)));
    if (!this.partnerNames.has(v.partner)) this.partnerNames.add(own(v.partner));
    const ref = v.ref ?? this.autoRef();
    const id = this.insert!(
      { ...v, ref, partnerId: pid, confidenceReason: v.confidence ? `Imported from ${this.fileName} row ${row}` : null },
      this.position++,
      this.importId,
    );
    if (v.ref === null) this.autoRefs.set(ref.toLowerCase(), id);
  }

  /** Records the import and commits it. */
  commit(record: { sha256: string; lines: number; totalPence: number; units: Units }): void {
    const db = this.project.db;
    const { sha256, lines, totalPence, units } = record;
    finishImportRow(db, this.importId, sha256, lines);
    setNextRefNumber(db, this.next);
    this.audit.push({
      action: 'import',
      entity: 'import',
      entityId: this.importId,
      newValue: { file: this.fileName, sha256, lines, totalPence, units },
      note: `Imported ${lines} lines (${formatPounds(totalPence)}) from ${this.fileName}${units === 'pounds' ? '' : ` in £ ${units}`}`,
    });
    writeAudit(db, this.audit);
    db.exec('COMMIT');
    this.open = false;
  }

  rollback(): void {
    if (this.open && this.project.db.inTransaction) this.project.db.exec('ROLLBACK');
    this.open = false;
  }
}
