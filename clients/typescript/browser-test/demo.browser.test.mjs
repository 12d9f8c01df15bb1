// The demo page served by the real jar, driven in Debian's Chromium by playwright-core (no browser download).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { createClient } from '../dist/index.js';
import { GLOSSARY, missingJar, startApp } from '../test/app.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join('target', 'demo-page.png');

function unavailable() {
  const jar = missingJar();
  if (jar) return jar;
  if (existsSync(CHROMIUM)) return undefined;
  const message = `${CHROMIUM} is missing: apt-get install -y chromium`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

describe('the demo page in Chromium', { skip: unavailable() }, () => {
  let app;
  let client;
  let context;
  let profile;
  let page;
  let problems;

  before(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '0' });
    client = createClient({ baseUrl: app.api });
    profile = mkdtempSync(join(tmpdir(), 'llmstream-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, { timeout: 180_000 });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await app?.stop();
  });

  beforeEach(async () => {
    page = await context.newPage();
    problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  const byTestId = (id) => page.getByTestId(id);

  async function status(expected) {
    await page.waitForFunction((state) => document.querySelector('[data-testid="status"]').dataset.state === state,
      expected, { timeout: 30_000 });
  }

  async function openWith(role) {
    await page.goto(app.origin + '/');
    await page.waitForFunction(() => document.querySelector('[data-testid="character-select"]').options.length > 1);
    await byTestId('character-select').selectOption(role);
  }

  async function ask(message) {
    await byTestId('message-input').fill(message);
    await byTestId('send').click();
    await status('streaming');
    await page.waitForFunction(() => document.querySelector('[data-testid="answer"]').textContent.length > 0);
  }

  async function storedAnswer() {
    const [, kind, id] = /#(thread|chat)=(.+)$/.exec(page.url());
    for (let tries = 0; tries < 100; tries++) {
      const dialogue = kind === 'thread' ? await client.getConversation(id) : await client.getChat(id);
      const answer = dialogue.messages.findLast((m) => m.role === 'assistant');
      if (answer) return answer;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error('the answer was not stored');
  }

  test('loads with its security policy and no console error, creates a character and uploads a document', async () => {
    const response = await page.goto(app.origin + '/');

    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    await byTestId('new-character-role').fill('guide');
    await byTestId('create-character').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="character-select"]').value === 'guide');
    await byTestId('document-file').setInputFiles({ name: 'ki-glossar.md', mimeType: 'text/markdown', buffer: Buffer.from(GLOSSARY) });
    await byTestId('upload-document').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]').textContent.startsWith('added'));
    assert.deepEqual(problems, []);
  });

  test('streams an answer into the page that ends complete with its citations shown', async () => {
    await openWith('guide');
    await byTestId('new-conversation').click();
    await page.waitForURL(/#thread=/);

    await ask('Was ist maschinelles Lernen?');
    await status('complete');

    const citations = byTestId('citations').locator('li');
    assert.ok(await citations.count() > 0);
    assert.match(await citations.first().textContent(), /^ki-glossar\.md \(score \d\.\d\d\)\S/);
    assert.equal(await byTestId('answer').textContent(), (await storedAnswer()).content);
    mkdirSync('target', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === 'true') copyFileSync(SCREENSHOT, join('..', '..', 'docs', 'demo-page.png'));
    assert.deepEqual(problems, []);
  });

  test('stop ends the answer as stopped, keeping the partial text that was stored', async () => {
    await openWith('guide');

    await ask('Erkläre neuronale Netze und Sprachmodelle.');
    await byTestId('stop').click();
    await status('stopped');

    const stored = await storedAnswer();
    assert.equal(stored.status, 'stopped');
    assert.equal(await byTestId('answer').textContent(), stored.content);
    assert.deepEqual(problems, []);
  });

  test('pause and resume hold the answer and let it finish; a reload mid-answer resumes it to the stored text', async () => {
    await openWith('guide');

    await ask('Was ist Retrieval-Augmented Generation?');
    await byTestId('pause').click();
    await status('paused');
    await page.reload();
    await status('paused');
    await byTestId('resume').click();
    await status('complete');

    assert.equal(await byTestId('answer').textContent(), (await storedAnswer()).content);
    assert.deepEqual(problems, []);
  });

  test('a reload while the answer streams picks it up again and ends with the stored text', async () => {
    await openWith('guide');

    await ask('Was sind große Sprachmodelle und Halluzinationen?');
    const before = await byTestId('answer').textContent();
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid="answer"]').textContent.length > 0);
    await status('complete');

    const after = await byTestId('answer').textContent();
    assert.ok(after.startsWith(before), 'the resumed answer starts with what was shown before the reload');
    assert.equal(after, (await storedAnswer()).content);
    assert.deepEqual(problems, []);
  });

  test('a plain chat without a character streams too', async () => {
    await page.goto(app.origin + '/');
    await byTestId('new-conversation').click();
    await page.waitForURL(/#chat=/);

    await ask('Hallo!');
    await status('complete');

    assert.equal(await byTestId('citations').locator('li').count(), 0);
    assert.deepEqual(problems, []);
  });
});
