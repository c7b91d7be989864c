// Schema 2: refs unique without regard to case (as every check treats them), and the
// undo/redo history of grid edits, kept in the file so it survives a restart.
export const up = `
CREATE UNIQUE INDEX spend_lines_ref_nocase ON spend_lines(ref COLLATE NOCASE);

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  label TEXT NOT NULL,
  changes TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
`;
