// Schema 4: which figures partners have agreed. A line with no row is "estimated"
// (Spendmap's working); "corrected" once a partner's change from a returned pack was
// accepted; "agreed" once the partner's sign-off was accepted. The fingerprint is the
// line's snapshot (packs/layout.ts) when agreed: a later edit makes it no longer agreed
// without any other code having to remember to reset it.
export const up = `
CREATE TABLE line_agreements (
  line_id INTEGER PRIMARY KEY REFERENCES spend_lines(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('corrected','agreed')),
  fingerprint TEXT NOT NULL,
  by_name TEXT,
  by_role TEXT,
  by_organisation TEXT,
  signed_on TEXT,
  agreement TEXT CHECK (agreement IS NULL OR agreement IN ('as-sent','with-changes')),
  source TEXT,
  at TEXT NOT NULL
);
`;
