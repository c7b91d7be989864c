// The Read me sheet: what the pack is, the method in words, how to send corrections.
import { formatPounds } from '../../../../shared/money';
import { AGREEMENT_CHOICES, READ_ME_BODY_ROW, SHEETS, SIGN_OFF_CELLS, SIGN_OFF_LABELS, SIGN_OFF_TITLE_ROW, type SignOffField } from '../layout';
import type { PackModel } from '../model';
import { S } from '../styles';
import { printSetup, put, validations, type PackSpec, type Ws } from './cells';

/**
 * The sign-off block: the partner's accountable officer agrees the figures, as sent or
 * with their changes. Read back by signoff.ts from the cells layout.ts names.
 */
function writeSignOff(ws: Ws, spec: PackSpec): void {
  put(ws, SIGN_OFF_TITLE_ROW, 1, 'Sign-off', S.section);
  put(
    ws,
    SIGN_OFF_TITLE_ROW,
    2,
    spec.kind === 'partner' ? `For ${spec.subject}'s accountable officer: fill in the yellow cells when you send the pack back.` : 'For the neighbourhood lead: fill in the yellow cells when you send the pack back.',
    S.note,
  );
  for (const k of Object.keys(SIGN_OFF_CELLS) as SignOffField[]) {
    const cell = ws.getCell(SIGN_OFF_CELLS[k]);
    put(ws, Number(cell.row), 1, SIGN_OFF_LABELS[k], S.label);
    cell.style = k === 'date' ? S.inDate : S.inText;
  }
  const dv = validations(ws);
  dv.add(SIGN_OFF_CELLS.agreement, {
    type: 'list',
    formulae: [`"${Object.keys(AGREEMENT_CHOICES).join(',')}"`],
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: 'Agreement',
    error: 'Choose from the list: as sent, or with the changes you have made.',
  });
  dv.add(SIGN_OFF_CELLS.date, {
    type: 'date',
    operator: 'greaterThan',
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: 'Date',
    error: 'Type the date you signed as dd/mm/yyyy, e.g. 05/12/2026.',
  });
}

export function writeReadMe(ws: Ws, model: PackModel, spec: PackSpec): void {
  const p = model.project;
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 110;
  let r = 1;
  const title = spec.kind === 'partner' ? `Spendmap pack: ${spec.subject}` : `Spendmap neighbourhood pack: ${spec.subject}`;
  put(ws, r++, 1, title, S.title);
  put(ws, r++, 1, `${p.ladName} (${p.ladCode}), financial year ${p.year}`, S.note);
  writeSignOff(ws, spec);
  r = READ_ME_BODY_ROW;
  const row = (label: string, value: string) => {
    put(ws, r, 1, label, S.labelWrap);
    put(ws, r, 2, value, S.textWrap);
    // Rows do not grow to fit wrapped text by themselves: about 105 characters a line in column B, 30 in A.
    const lines = Math.max(Math.ceil(value.length / 105), Math.ceil(label.length / 30), 1);
    if (lines > 1) ws.getRow(r).height = 15 * lines;
    r++;
  };
  const section = (name: string) => {
    r++;
    put(ws, r++, 1, name, S.section);
  };
  const allocated = spec.lines.filter((l) => l.amounts);
  const total = spec.lines.reduce((s, l) => s + l.line.amountPence, 0);
  const nbText = spec.neighbourhoods.length
    ? spec.neighbourhoods
        .map(({ n }) => `${n.name}: ${n.wards.map((c) => `${model.wards.find((w) => w.code === c)?.name ?? c} (${c})`).join(', ')}`)
        .join('; ')
    : 'None yet: the project has no neighbourhood.';
  row(
    'What this is',
    spec.kind === 'partner'
      ? `How the project "${p.name}" shares ${spec.subject}'s spend in ${p.ladName} across its wards and neighbourhoods, for you to check and correct. Every ward amount is a live formula: change a yellow cell and the split follows.`
      : `Every partner's spend in the neighbourhood ${spec.subject}, from the project "${p.name}": totals by partner and theme, per head, influence-able share, confidence and the sensitivity range, over Spendmap's split of each line to the neighbourhood's wards (each partner's own pack holds the live formulas for every ward).`,
  );
  row('Project', `${p.name} (file ${p.fileName}); ${p.ladName}, ${p.ladCode}; ${p.year}; ward proxies from ${p.packTitle}`);
  row(spec.neighbourhoods.length === 1 ? 'Neighbourhood' : 'Neighbourhoods', nbText);
  row(
    'Lines',
    `${spec.lines.length} line${spec.lines.length === 1 ? '' : 's'}, ${formatPounds(total, { pence: true })} in total; ${allocated.length} allocated to wards${
      allocated.length < spec.lines.length ? `, ${spec.lines.length - allocated.length} not (the reason is in Lines, column "Spendmap note")` : ''
    }.`,
  );
  row('Exported', `${model.exportedAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' })} by Spendmap ${model.version}`);

  section('The method');
  row('Basis', "Each line's amount for the whole borough is shared across its wards by a basis: a ward proxy (population, children, income-deprived people...), 'even' (the same weight in every ward), 'site' (all of it in the ward that hosts the service) or 'direct' (your own ward figures).");
  row(
    'Deprivation weighting',
    "β from 0 to 1 tilts a proxy towards more deprived wards. Each ward's factor is 1 + β × (S ÷ S̄ − 1), where S is the ward's IMD score and S̄ the population-weighted mean score of the borough (Proxies, cell C2). β = 0: no weighting; β = 1: in proportion to the score. IMD ranks are never used.",
  );
  row('Weights and shares', "Weight = proxy value × factor (Working, the 'Weight' columns). A ward's exact share of a line = amount × weight ÷ Σ weight, in pence (Working, 'Exact share').");
  row(
    'Rounding to the penny',
    "Each ward first gets the whole pence of its exact share; the pennies left over ('Leftover pennies') go one each to the wards with the largest fractions of a penny, ties to the lower ward code. A fraction is worked out as MOD(amount × weight, Σ weight), which is exact in Excel (Working, 'Remainder'), ranked largest first (Working, 'Rank'); a rank within the leftover pennies gets one ('Extra penny'). So a line's ward amounts always add up to its amount, to the penny.",
  );
  row('Confidence', 'Green (G): your own ward figures or a single site. Amber (A): a needs-based proxy. Red (R): population or even. Changing a confidence needs a reason.');
  row(
    'Neighbourhood figures',
    'Total = the sum of its wards\' amounts. Per head = total ÷ its population. Influence-able = Σ amount × discretionary % ÷ 100, rounded to the penny once at the end. Confidence mix = the total split by each line\'s confidence.' +
      (spec.kind === 'neighbourhood'
        ? " Sensitivity range: each proxy or even line recomputed with its basis at β = 0, 0.5 and 1 and with population at β = 0; low and high add up each line's smallest and largest (worked out by Spendmap when it exported this pack)."
        : ''),
  );
  row('Lines not allocated', 'A line Spendmap cannot share (a proxy missing for a ward, no site ward, no ward figures yet...) shows why instead of amounts; it is never counted as zero.');

  section('How to send corrections');
  row('What you can change', 'Only the yellow cells on Lines: amount (£), basis, β, discretionary %, status, confidence (with a reason) and site ward. Spendmap matches your lines by their ref.');
  row('Your own ward figures', "Set the line's basis to 'direct' on Lines, then type the figures in pounds into that line's ward cells on Allocation (the 'Amount in each ward' columns), over the formulas.");
  row('Please do not', 'Rename or delete sheets, insert or delete columns, change refs or add lines (tell us about new lines separately). Sorting and filtering are fine.');
  row('Proxies and neighbourhoods', "You may try other proxy values or neighbourhood wards on Proxies to see their effect. Spendmap does not read them back: send us your source instead.");
  row('Send it back', 'Save the workbook as .xlsx and email it to whoever sent it. They will see each change you made, old and new, and accept or reject it; nothing changes until they do.');
  row('Sign-off', 'Fill in the sign-off block at the top of this sheet: your name, role, organisation, the date, and whether you agree the figures as sent or with the changes you made. Spendmap records which figures you agreed, and who agreed them.');

  section('Data sources');
  for (const s of p.sources) row(s.dataset, `${s.publisher}. ${s.licence}. ${s.attribution}`);
  for (const x of model.proxies) row(`Proxy: ${x.name}`, `${x.label}: ${x.source}, ${x.year}`);

  section('Sheets');
  row(SHEETS.lines, 'The spend lines and every assumption; yellow cells are yours to change.');
  row(SHEETS.proxies, 'Ward proxy values and IMD scores used, S̄, and which wards make up each neighbourhood.');
  row(
    SHEETS.allocation,
    spec.kind === 'partner'
      ? "Each line in each ward in pounds, as short formulas reading Lines and Working; the neighbourhoods' wards come first and are tinted. Σ wards and a check per line (red when the wards do not add up to the line), and a total row."
      : "Each line in the neighbourhood's wards in pounds, and its total over the borough; a check per line and a total row.",
  );
  if (spec.kind === 'partner')
    row(SHEETS.working, 'The rounding to the penny of each line, one step per column (same row as on Allocation): weight, Σ weight, exact share, whole pence, remainder, its rank, and the extra penny.');
  row(SHEETS.neighbourhood, spec.kind === 'partner' ? "Your totals in each neighbourhood: per head, influence-able share, confidence mix." : 'The neighbourhood: totals by partner and theme, per head, influence-able share, confidence mix, sensitivity range.');
  printSetup(ws, null);
}

