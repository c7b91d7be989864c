// Schema 1: everything a project holds. Money is integer pence; codes are ONS codes.
export const up = `
CREATE TABLE project (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  lad_code TEXT NOT NULL,
  lad_name TEXT NOT NULL,
  year TEXT NOT NULL,
  pack_id TEXT NOT NULL,
  pack_title TEXT NOT NULL,
  pack_sources TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  next_ref INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE wards (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE proxies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  year TEXT NOT NULL,
  custom INTEGER NOT NULL CHECK (custom IN (0, 1)),
  position INTEGER NOT NULL
);

CREATE TABLE proxy_values (
  proxy_id INTEGER NOT NULL REFERENCES proxies(id) ON DELETE CASCADE,
  ward_code TEXT NOT NULL REFERENCES wards(code),
  value REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (proxy_id, ward_code)
) WITHOUT ROWID;

CREATE TABLE partners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  type TEXT NOT NULL CHECK (type IN ('council','health','police','dwp','fire','housing','vcs','other'))
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE spend_lines (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  partner_id INTEGER NOT NULL REFERENCES partners(id),
  service TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
  year TEXT NOT NULL,
  basis TEXT NOT NULL,
  beta REAL NOT NULL DEFAULT 0 CHECK (beta >= 0 AND beta <= 1),
  discretionary_pct REAL NOT NULL DEFAULT 0 CHECK (discretionary_pct >= 0 AND discretionary_pct <= 100),
  status TEXT NOT NULL DEFAULT 'mainstream' CHECK (status IN ('mainstream','aligned','virtual','pooled')),
  confidence TEXT CHECK (confidence IN ('green','amber','red')),
  confidence_reason TEXT,
  themes TEXT NOT NULL DEFAULT '',
  site_ward TEXT REFERENCES wards(code),
  position INTEGER NOT NULL,
  import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX spend_lines_partner ON spend_lines(partner_id);
CREATE INDEX spend_lines_position ON spend_lines(position);
CREATE INDEX spend_lines_import ON spend_lines(import_id);

CREATE TABLE direct_figures (
  line_id INTEGER NOT NULL REFERENCES spend_lines(id) ON DELETE CASCADE,
  ward_code TEXT NOT NULL REFERENCES wards(code),
  amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
  PRIMARY KEY (line_id, ward_code)
) WITHOUT ROWID;

CREATE TABLE neighbourhoods (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE neighbourhood_wards (
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  ward_code TEXT NOT NULL REFERENCES wards(code),
  PRIMARY KEY (neighbourhood_id, ward_code)
) WITHOUT ROWID;

CREATE TABLE column_mappings (
  partner_key TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  units TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  ref TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  note TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
`;
