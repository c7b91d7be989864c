// Schema 6: who made each change — the computer's user name, as the audit log screen
// and `audit` CLI show it. Rows written before schema 6 have none (shown as unknown).
export const up = `
ALTER TABLE audit_log ADD COLUMN by_user TEXT;
CREATE INDEX audit_log_at ON audit_log(at);
`;
