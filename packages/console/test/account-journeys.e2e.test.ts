import { ConnApiError, ConnClient } from '@conn/sdk';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ownerPassword,
  serverDialects,
  startTestServer,
  type TestServer,
} from '../../../apps/server/test/test-server';
import { startWebhookReceiver, type WebhookReceiver } from '../../services/test/webhook-receiver';
import { chromiumPath } from './ensure-chromium';
import { checkPage } from './page-checks';

const dialects = await serverDialects();
const newPassword = 'a new password from the console';
/** expect.poll's patience: the machine may be busy (scrypt, two databases, a browser). */
const patience = { timeout: 10_000 };

/** A pending setup: one `draft_created` event, a status that can still move. */
const draft = (client: ConnClient) => client.createDraft({ connector: 'github', fields: {} });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnApiError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(dialects)('the owner console: the account side, in Chromium (%s)', (dialect) => {
  let t: TestServer;
  let owner: ConnClient;
  let receiver: WebhookReceiver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** The copy, accessibility and 360-px checks of the page as it stands now. */
  async function expectCleanPage(on: Page = page): Promise<void> {
    expect(await checkPage(on)).toEqual({ copy: [], accessibility: [], overflow: false });
  }

  async function signIn(on: Page, password: string): Promise<void> {
    await on.goto(`${t.url}/console/`);
    await on.getByLabel('Owner password').fill(password);
    await on.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Every `<time>` of the page: machine-readable moments, shown as local text. */
  async function times(): Promise<{ iso: string; text: string }[]> {
    return page.locator('time').evaluateAll((nodes) =>
      nodes.map((node) => ({
        iso: node.getAttribute('datetime') ?? '',
        text: node.textContent ?? '',
      })),
    );
  }

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestServer({
      dialect,
      env: { CONN_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', CONN_WEBHOOK_RETRY_BASE_MS: '100' },
    });
    owner = new ConnClient({ baseUrl: t.url, token: await t.login() });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    page = await context.newPage();
    await signIn(page, ownerPassword);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
    await receiver?.close();
  }, 30_000);

  it('Activity: the newest events first in plain words and local times, new ones live at the top, older ones on demand', async () => {
    for (let i = 0; i < 30; i += 1) await draft(owner);
    await page.goto(`${t.url}/console/activity`);
    await page.getByText('Live: new activity appears here as it happens.').waitFor();
    const items = page.getByRole('list', { name: 'Recent activity, newest first' }).locator('li');
    await expect.poll(() => items.count(), patience).toBe(25);
    expect(await items.first().textContent()).toContain('GitHub: Setup started.');
    const shown = await times();
    expect(shown).toHaveLength(25);
    for (const { iso, text } of shown) {
      expect(text).not.toContain(iso);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z$/);
    }
    const isos = shown.map(({ iso }) => Date.parse(iso));
    expect(isos).toEqual([...isos].sort((a, b) => b - a));
    await expectCleanPage();

    // A change made elsewhere appears by itself, at the top.
    const latest = await draft(owner);
    await expect.poll(() => items.count(), patience).toBe(26);
    expect(
      await items.first().getByRole('link', { name: 'Open this source' }).getAttribute('href'),
    ).toBe(`/console/connections/${latest.connection_id}/setup`);

    await page.getByRole('button', { name: 'Show older activity' }).click();
    await expect.poll(() => items.count(), patience).toBe(31);
    const all = (await times()).map(({ iso }) => Date.parse(iso));
    expect(all).toEqual([...all].sort((a, b) => b - a));
    await expectCleanPage();
  });

  it('Setup status follows the event stream of its connection', async () => {
    const pending = await draft(owner);
    const streams: string[] = [];
    const listen = (request: { url: () => string; headers: () => Record<string, string> }) => {
      if (request.headers().accept?.includes('text/event-stream')) streams.push(request.url());
    };
    page.on('request', listen);
    try {
      await page.goto(`${t.url}/console/connections/${pending.connection_id}/setup`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect
        .poll(() => streams.some((url) => url.includes(`connection_id=${pending.connection_id}`)))
        .toBe(true);
    } finally {
      page.off('request', listen);
    }
  });

  it('Agent tokens: created and shown once with a copy button, listed with its last use, revoked', async () => {
    await page.goto(`${t.url}/console/agent-tokens`);
    await page.getByText('No agent token is active.').waitFor();
    await expectCleanPage();

    await page.getByLabel('Name of the new token').fill('My assistant');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shownOnce = page.locator('.secret-once');
    await shownOnce.getByRole('heading', { name: /New token for .My assistant./ }).waitFor();
    const token = (await shownOnce.locator('code').textContent()) ?? '';
    expect(token).toMatch(/^coa_/);
    await page.getByRole('button', { name: 'Copy the new agent token' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expectCleanPage();

    const card = page.getByRole('list', { name: 'Active agent tokens' }).getByRole('listitem');
    await expect.poll(() => card.count(), patience).toBe(1);
    expect(await card.textContent()).toContain('Last usedNever');
    const agent = new ConnClient({ baseUrl: t.url, token });
    await agent.connections();

    // Shown once: a reload lists the token with its use, and the token is nowhere.
    await page.reload();
    await expect.poll(() => card.count(), patience).toBe(1);
    await expect.poll(() => card.textContent(), patience).not.toContain('Never');
    expect(await page.content()).not.toContain(token);
    const [created, used] = await times();
    expect(created?.text).not.toContain(created?.iso ?? '-');
    expect(used?.text).not.toContain(used?.iso ?? '-');
    await expectCleanPage();

    await page.getByRole('button', { name: 'Revoke the token My assistant' }).click();
    await page.getByText('No agent token is active.').waitFor();
    await page.getByText('Revoked tokens (1)').click();
    expect(await page.getByRole('list', { name: 'Revoked agent tokens' }).textContent()).toContain(
      'Revoked',
    );
    await expectCleanPage();
    expect(await codeOf(agent.connections())).toBe('unauthenticated');
  });

  it('Webhooks: created with event kinds in plain words, the secret shown once, deliveries logged and sent again, deleted', async () => {
    await page.goto(`${t.url}/console/webhooks`);
    await page.getByText('No webhook yet.').waitFor();
    await expectCleanPage();

    await page.getByLabel('Address to send to').fill(receiver.url);
    await page.getByLabel('Description (optional)').fill('My receiver');
    await page.getByLabel('Setup started', { exact: true }).check();
    await page.getByLabel('Source connected', { exact: true }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const shownOnce = page.locator('.secret-once');
    await shownOnce.waitFor();
    const secret = (await shownOnce.locator('code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy the signing secret' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const card = page.getByRole('list', { name: 'Webhooks' }).getByRole('listitem').first();
    await expect
      .poll(() => card.textContent(), patience)
      .toContain('SendsSetup started, Source connected');
    await expectCleanPage();

    await draft(owner);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(1);
    await card.getByRole('button', { name: 'Show deliveries' }).click();
    const deliveries = card.locator('.delivery');
    await expect
      .poll(
        async () => {
          await card.getByRole('button', { name: 'Refresh' }).click();
          return deliveries.first().textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('Setup started: Delivered');
    expect(await deliveries.first().textContent()).toContain('Attempts1');
    await expectCleanPage();

    await deliveries.first().getByRole('button', { name: 'Send again: Setup started' }).click();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    await expect
      .poll(
        async () => {
          await card.getByRole('button', { name: 'Refresh' }).click();
          return deliveries.first().textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('Setup started (sent again): Delivered');
    expect(await deliveries.count()).toBe(2);
    expect(receiver.received[1]?.headers['conn-event-id']).toBe(
      receiver.received[0]?.headers['conn-event-id'],
    );
    await expectCleanPage();

    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: `Delete the webhook to ${receiver.url}` }).click();
    await page.getByText('No webhook yet.').waitFor();
    await expectCleanPage();
  });

  it('Settings: a wrong current password keeps the owner signed in; a change signs the other sessions out and survives', async () => {
    const otherBrowser = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await otherBrowser.newPage();
    try {
      await signIn(other, ownerPassword);
      await other.getByRole('heading', { name: 'Sources' }).waitFor();

      await page.goto(`${t.url}/console/settings`);
      await page.getByRole('heading', { name: 'Owner password' }).waitFor();
      await expectCleanPage();
      await page.getByLabel('Current password').fill('not the password');
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The current password is not right.' })
        .waitFor();
      expect(await page.getByLabel('Current password').inputValue()).toBe('');
      expect(await page.getByRole('heading', { name: 'Settings' }).count()).toBe(1);
      await expectCleanPage();

      await page.getByLabel('Current password').fill(ownerPassword);
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill('not the same');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('alert').filter({ hasText: 'not the same' }).waitFor();

      await page.getByLabel('Current password').fill(ownerPassword);
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      const changed = page.getByRole('status').filter({ hasText: 'Password changed' });
      await changed.waitFor();
      expect(await changed.textContent()).toContain('2 other sessions were signed out.');
      expect(await page.content()).not.toContain(newPassword);
      await expectCleanPage();

      // This browser stays in; the other one (and the test's own session token) is out.
      await page.goto(`${t.url}/console/`);
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
      await other.reload();
      await other.getByRole('heading', { name: 'Sign in to conn' }).waitFor();
      await expectCleanPage(other);
      expect(await codeOf(owner.connections())).toBe('unauthenticated');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, ownerPassword);
      await page.getByRole('alert').waitFor();
      await signIn(page, newPassword);
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
    } finally {
      await otherBrowser.close();
    }
  });
});
