// Handlers for years and ward vintages: thin, the rules are in the files beside.
import type { Registry } from '../registry';
import { compareProjects } from './compare';
import { convertProject } from './convert';
import { rollForward } from './roll-forward';

export function registerYearsHandlers(r: Registry): void {
  r.register('years.rollForward', (input, { session }) => rollForward(session.requireProject(), input));
  r.register('years.convert', (input, { session }) => convertProject(session.requireProject(), input));
  r.register('years.compare', (input, { session }) => compareProjects(session.requireProject(), input));
}
