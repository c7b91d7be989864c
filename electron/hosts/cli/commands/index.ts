// The CLI's commands, one file per domain: arguments in, one or more handler calls, text out.
import { parse, UsageError, type Command } from '../command';
import { auditCommand } from './audit';
import { BUDGETS_COMMANDS } from './budgets';
import { cbaCommands } from './business-case';
import { MAPPING_COMMANDS } from './mapping';
import { mapCommand } from './maps';
import { NEIGHBOURHOODS_COMMANDS } from './neighbourhoods';
import { PACKS_COMMANDS } from './packs';
import { PROJECT_COMMANDS } from './project';
import { PROXIES_COMMANDS } from './proxies';
import { reviewPackCommand } from './review-pack';
import { WORKSHOP_COMMANDS } from './workshop';
import { YEARS_COMMANDS } from './years';

export const COMMANDS: Command[] = [
  ...PROJECT_COMMANDS,
  ...PROXIES_COMMANDS,
  ...BUDGETS_COMMANDS,
  ...NEIGHBOURHOODS_COMMANDS,
  ...MAPPING_COMMANDS,
  ...WORKSHOP_COMMANDS,
  ...PACKS_COMMANDS,
  reviewPackCommand,
  ...cbaCommands(parse, UsageError),
  mapCommand,
  auditCommand(parse),
  ...YEARS_COMMANDS,
];
