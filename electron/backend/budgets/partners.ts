// Partners: organisations with spend in the borough. Lines name them; a partner's
// type belongs to the partner, so changing it on one line changes it for all.
import { matchKey, normalText } from '../../../shared/domain/fields';
import type { PartnerType } from '../../../shared/domain/types';
import type { Project } from '../project/project';
import type { AuditEntry } from '../audit/log';
import { insertPartner, partnerByName, partnersBeyondAscii, partnerSummaries, setPartnerType } from './partners-store';

export interface PartnerSummary {
  id: number;
  name: string;
  type: PartnerType;
  lines: number;
  totalPence: number;
}

export function listPartners(project: Project): PartnerSummary[] {
  return partnerSummaries(project.db);
}

/**
 * The partner's id, creating it as needed; an existing partner's type changes only
 * when `setType` (the user gave a type). Audit entries are appended.
 */
export function findOrCreatePartner(project: Project, name: string, type: PartnerType, audit: AuditEntry[], setType = true): number {
  // Matched on NFC, case-folded names (not SQLite's ASCII-only NOCASE): "Église" typed
  // decomposed, or in capitals, is the partner already there, not a look-alike.
  // Plain ASCII names match in SQL first; only names with other letters are compared here.
  name = normalText(name.trim());
  const key = matchKey(name);
  const found = partnerByName(project.db, name) ?? partnersBeyondAscii(project.db).find((p) => matchKey(p.name) === key);
  if (!found) {
    const id = insertPartner(project.db, name, type);
    audit.push({ action: 'create', entity: 'partner', entityId: id, newValue: { name, type } });
    return id;
  }
  if (setType && found.type !== type) {
    setPartnerType(project.db, found.id, type);
    audit.push({ action: 'update', entity: 'partner', entityId: found.id, field: 'partner_type', oldValue: found.type, newValue: type, note: found.name });
  }
  return found.id;
}
