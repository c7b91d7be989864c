// Schema 3: business-case proposals (issue 17), one per name, each for one
// neighbourhood; the body is the validated proposal.json with defaults filled in.
export const up = `
CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  neighbourhood TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  updated_at TEXT NOT NULL
);
`;
