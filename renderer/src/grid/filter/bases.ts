// The bases a filter offers: the project's proxies, then direct, site and even, each with
// the label its grid column shows.
import { SPECIAL_BASES } from '../../../../shared/domain/proxies';
import { SPECIAL_BASIS_LABELS } from '../lineColumns';

export function basisOptions(proxies: readonly string[], labels: ReadonlyMap<string, string>): { value: string; label: string }[] {
  return [...proxies, ...SPECIAL_BASES].map((value) => ({ value, label: labels.get(value) ?? SPECIAL_BASIS_LABELS[value] ?? value }));
}
