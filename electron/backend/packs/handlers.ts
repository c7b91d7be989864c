// Handlers for Excel packs: plan and export them, review a returned pack, apply the accepted changes.
import { applyPack } from './apply';
import { exportPacks, planPacks } from './export';
import { reviewPack } from './review';
import type { Registry } from '../registry';

export function registerPackHandlers(r: Registry): void {
  r.register('packs.plan', (_i, { session }) => planPacks(session.requireProject()));
  r.register('packs.export', ({ folder }, ctx) => exportPacks(ctx.session.requireProject(), folder, ctx));
  r.register('packs.review', async ({ file }, { session }) => (await reviewPack(session.requireProject(), file)).review);
  r.register('packs.apply', ({ file, reviewId, accept, acceptSignOff }, { session }) => applyPack(session.requireProject(), { file, reviewId, accept, acceptSignOff: acceptSignOff === true }));
}
