// Status messages clear when superseded (issue 14 item 8, part): a confirmation does not
// linger over a later list of refused rows, nor over a new import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type App } from './harness';

let app: App;

describe('notices that clear when superseded, end to end', () => {
  beforeAll(async () => {
    ({ app } = await startDemo());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a paste confirmation goes when a later paste is refused with its list, and when an import starts', async () => {
    const { page } = app;
    const paste = async (tsv: string) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), tsv);
      await page.locator('.ag-grid-pinned-bottom-rows [col-id="partner"]').click();
      await page.keyboard.press('Control+V');
    };
    await paste('Richmond Housing Trust\thousing\tRepairs\t\t45000\tpopulation\t0\t0\r\n');
    const confirmation = page.getByText('Pasted 1 row: 1 new line.');
    await confirmation.waitFor();

    await paste('Richmond Housing Trust\thousing\tRepairs\t\tlots\tpopulation\t0\t0\r\nRichmond Housing Trust\thousing\tRoofs\t\tmore\tpopulation\t0\t0\r\n');
    await page.getByRole('dialog', { name: 'Nothing was saved' }).waitFor();
    expect(await confirmation.count()).toBe(0);
    await page.getByRole('dialog', { name: 'Nothing was saved' }).getByRole('button', { name: 'OK' }).click();

    await paste('Richmond Housing Trust\thousing\tRoofs\t\t1000\tpopulation\t0\t0\r\n');
    await page.getByText('Pasted 1 row: 1 new line.').waitFor();
    await page.getByRole('button', { name: "Import a partner's budget…" }).first().click();
    expect(await page.getByText('Pasted 1 row: 1 new line.').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
