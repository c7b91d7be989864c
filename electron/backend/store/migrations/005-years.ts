// Schema 5 (years and ward vintages, issue 15): what roll forward and convert mark.
// - spend_lines.to_confirm: why a line still needs the user's eye ("carried forward
//   from 2023-24 — to confirm", a converted site ward); NULL once edited.
// - direct_figures.year: the year a partner's ward figures are for, when not the
//   project's (carried forward: last year's figures); NULL = the project's year.
// - proxies.converted_from: the ward vintage a custom proxy was converted from.
export const up = `
ALTER TABLE spend_lines ADD COLUMN to_confirm TEXT;
ALTER TABLE direct_figures ADD COLUMN year TEXT;
ALTER TABLE proxies ADD COLUMN converted_from TEXT;
CREATE INDEX spend_lines_to_confirm ON spend_lines(to_confirm) WHERE to_confirm IS NOT NULL;
`;
