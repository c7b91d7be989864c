// A returned pack's sign-off in its review: who signed and how, the lines changed in
// Spendmap since the pack left (the sign-off does not cover them), and the choice to
// accept it, which agrees the partner's lines when the changes are applied.
import type { MethodOutput } from '../../../../shared/contract/methods';
import { ProblemList } from '../../components/ProblemList';

type Review = MethodOutput<'packs.review'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const longDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Whether a sign-off can be accepted with this review. */
export const canAcceptSignOff = (r: Review) => r.kind === 'partner' && r.signoff !== null && r.signOffRefs.length > 0;

export function SignOffReview(props: { review: Review; accept: boolean; onAccept: (on: boolean) => void }) {
  const { review: r } = props;
  const s = r.signoff;
  return (
    <div className="signoff-review" aria-label="Sign-off">
      <h3>Sign-off</h3>
      {s ? (
        <p data-testid="signoff-text">
          Signed by <strong>{s.name}</strong>, {s.role}, {s.organisation}, on {longDate(s.date)}:{' '}
          <em>{s.agreement === 'agree' ? '"I agree these figures"' : '"I agree these figures with the changes I have made"'}</em>.
          {s.agreement === 'agree' && r.changes.length > 0 && (
            <span className="warn"> They agree the figures as sent, yet the pack holds {plural(r.changes.length, 'change')}: check with them before accepting both.</span>
          )}
        </p>
      ) : r.signOffProblems.length ? (
        <ProblemList error={{ code: 'INPUT', message: 'The sign-off block on "Read me" is only partly filled in, so it cannot be accepted:', details: { problems: r.signOffProblems } }} />
      ) : (
        <p className="muted">Not signed: the sign-off block on "Read me" is blank. The changes can still be applied; the lines stay unagreed.</p>
      )}
      {r.changedSinceExport.length > 0 && (
        <div className="warn" data-testid="changed-since-export">
          {plural(r.changedSinceExport.length, 'line')} changed in Spendmap since this pack was exported, so the partner signed figures that are no longer
          the project's, and the sign-off does not agree {r.changedSinceExport.length === 1 ? 'it' : 'them'}:
          <ul>
            {r.changedSinceExport.map((c) => (
              <li key={c.ref}>
                {c.ref}: {c.fields.join(', ')}
              </li>
            ))}
          </ul>
          Send {r.subject} a fresh pack to agree {r.changedSinceExport.length === 1 ? 'it' : 'them'}.
        </div>
      )}
      {s && r.kind === 'neighbourhood' && <p className="muted">A neighbourhood pack's sign-off is shown for the record; partners agree their lines in their own packs.</p>}
      {canAcceptSignOff(r) && (
        <label className="accept-signoff">
          <input type="checkbox" checked={props.accept} onChange={(e) => props.onAccept(e.target.checked)} aria-label="Accept the sign-off" />
          Accept the sign-off: the lines whose changes you accept become corrected, then {plural(r.signOffRefs.length, `line of ${r.subject}`, `lines of ${r.subject}`)}{' '}
          agreed, recorded under this computer's user name with the time.
        </label>
      )}
    </div>
  );
}
