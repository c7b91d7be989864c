// Contract: how far partners have agreed each line's figures (docs/method.md, "Sign-off").
import { z } from 'zod';

export const AGREEMENT_STATES = ['estimated', 'corrected', 'agreed'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export const lineAgreement = z.object({
  state: z.enum(AGREEMENT_STATES),
  /** Who signed it off: "Name (Role, Organisation)"; null unless agreed. */
  signedBy: z.string().nullable(),
  /** The date on the sign-off (YYYY-MM-DD). */
  signedOn: z.string().nullable(),
  /** The computer's user name that recorded it, as the audit log has it. */
  recordedBy: z.string().nullable(),
  /** When Spendmap recorded it (ISO time). */
  at: z.string().nullable(),
});
export type LineAgreementView = z.infer<typeof lineAgreement>;
