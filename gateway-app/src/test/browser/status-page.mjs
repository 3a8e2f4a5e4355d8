// The gateway's status page in real headless Chromium, driven by Playwright (playwright-core with
// Debian's /usr/bin/chromium; Playwright's own browser download is never used).
//
//   node status-page.mjs <status page url> <screenshot.png>
//
// Expects a pairing offer to be open, the system RUNNING and the gateway's API token in the
// environment variable MOTAM_TOKEN. Checks that the signed-out page shows no QR, signs in with the
// page's own form, checks that the pairing QR <img> is visible and is a real PNG the browser
// decoded, writes a screenshot of it (<screenshot>-pairing.png, decoded by the Java test), clicks
// the page's own "Stop" button (the form posts to /ui/stop like an operator's click), waits until
// the page shows STOPPED and writes a full-page screenshot. Exits 0 when all of that held, 1 with a message saying what did not,
// 2 on bad arguments. Run by io.motam.gateway.http.StatusPagePlaywrightTest.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [url, shotArg] = process.argv.slice(2);
if (!url || !shotArg) {
  console.error('usage: node status-page.mjs <status page url> <screenshot.png>');
  process.exit(2);
}
const shot = resolve(shotArg);
const executablePath = process.env.MOTAM_CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20_000;   // the page reloads itself every 3 s: a step gets several reloads
const TOTAL_TIMEOUT_MS = 90_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MIN_QR_BYTES = 200;          // a QR code of an offer is some kilobytes; an empty/1px PNG is ~70 bytes
const MIN_QR_PIXELS = 100;         // width and height of the decoded image

function log(msg) {
  console.log(`status-page: ${msg}`);
}

class CheckFailed extends Error {}
function check(cond, msg) {
  if (!cond) {
    throw new CheckFailed(msg);
  }
}

/** Runs fn again while the page's own reload destroys the context under it, until the deadline. */
async function retrying(what, fn, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      if (e instanceof CheckFailed || Date.now() > deadline) {
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new CheckFailed(`${what}: ${last && last.message ? last.message.split('\n')[0] : last}`);
}

/** Reads width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(buf) {
  check(buf.length >= 24, `the QR image has only ${buf.length} bytes`);
  check(buf.subarray(0, 8).equals(PNG_SIGNATURE), 'the QR image is not a PNG (wrong signature)');
  check(buf.toString('latin1', 12, 16) === 'IHDR', 'the QR image is not a PNG (no IHDR chunk first)');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const watchdog = setTimeout(() => {
  console.error(`status-page: FAIL: did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

const profile = mkdtempSync(join(tmpdir(), 'motam-playwright-'));
let context;
let exitCode = 0;
try {
  // A fresh, empty profile each run; the flags keep Chromium off the (closed) network.
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1000, height: 1400 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && log(`console error: ${m.text()}`));

  // What the browser itself sends and receives: the QR image and the form post.
  const qrResponses = [];
  const stopPosts = [];
  let stopSent = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/ui/stop' && r.method() === 'POST') {
      stopSent++;
    }
  });
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/pairing/qr.png') {
      qrResponses.push(r);
    }
    if (path === '/ui/stop' && r.request().method() === 'POST') {
      stopPosts.push(r);
    }
  });

  log(`opening ${url} in ${executablePath}`);
  const first = await page.goto(url, { waitUntil: 'load' });
  check(first && first.ok(), `GET ${url} answered ${first ? first.status() : 'nothing'}`);

  // 0. signed out: no QR; the page's own sign-in form with the token
  const state = page.locator('#system-state');
  const token = process.env.MOTAM_TOKEN || '';
  check(token.length >= 32, 'MOTAM_TOKEN is not set to the gateway API token');
  check(await page.locator('img#pairing-qr').count() === 0, 'the signed-out page shows the pairing QR');
  await retrying('signing in failed', async () => {
    if (await page.locator('#logout').count() === 0) {
      await page.locator('input[name="token"]').fill(token, { timeout: 2_000 });
      await page.locator('button#login').click({ timeout: 2_000 });
    }
    await page.locator('#logout').waitFor({ state: 'visible', timeout: 2_000 });
  });
  log('signed in with the page form');

  // 1. the pairing QR is shown while the offer is open

  await retrying('the page does not show RUNNING', () =>
    state.filter({ hasText: /^RUNNING$/ }).waitFor({ state: 'visible', timeout: 2_000 }));
  const qr = page.locator('img#pairing-qr');
  await retrying('the pairing QR <img> is not visible while an offer is open', () =>
    qr.waitFor({ state: 'visible', timeout: 2_000 }));
  const decoded = await retrying('the browser did not decode the QR image', async () => {
    const d = await qr.evaluate((img) => ({ complete: img.complete, w: img.naturalWidth, h: img.naturalHeight }),
      undefined, { timeout: 2_000 });
    if (!d.complete || d.w === 0) {
      throw new Error(`image not decoded yet (complete=${d.complete}, naturalWidth=${d.w})`);
    }
    return d;
  });
  check(decoded.w >= MIN_QR_PIXELS && decoded.h >= MIN_QR_PIXELS,
    `the browser decoded the QR image as only ${decoded.w}x${decoded.h} px`);
  const qrResponse = qrResponses.find((r) => r.ok());
  check(qrResponse, `the browser loaded no /pairing/qr.png with status 200 (saw ${qrResponses.map((r) => r.status()).join(', ') || 'none'})`);
  const type = qrResponse.headers()['content-type'] || '';
  check(type.startsWith('image/png'), `/pairing/qr.png came as ${type || 'no content type'}`);
  const body = await qrResponse.body();
  check(body.length >= MIN_QR_BYTES, `the QR PNG has only ${body.length} bytes`);
  const size = pngSize(body);
  check(size.width >= MIN_QR_PIXELS && size.height >= MIN_QR_PIXELS,
    `the QR PNG is only ${size.width}x${size.height} px`);
  log(`pairing QR visible: PNG ${size.width}x${size.height}, ${body.length} bytes, decoded ${decoded.w}x${decoded.h}`);
  mkdirSync(dirname(shot), { recursive: true });
  await qr.screenshot({ path: shot.replace(/\.png$/, '') + '-pairing.png', timeout: 5_000 });

  // 2. the operator clicks the page's own Stop button: a real form post from the browser
  const stop = page.locator('form[action="/ui/stop"] button#stop');
  await retrying('the page has no visible Stop button', () => stop.waitFor({ state: 'visible', timeout: 2_000 }));
  await retrying('clicking Stop failed', async () => {
    if (stopSent === 0) { // the page may reload under the click: click again only if nothing was posted
      await stop.click({ timeout: 2_000 });
    }
  });

  // 3. the page shows STOPPED (after the 303 back to the page, or after a reload)
  await retrying('the page did not show STOPPED after Stop was clicked', () =>
    state.filter({ hasText: /^STOPPED$/ }).waitFor({ state: 'visible', timeout: 2_000 }));
  check(stopSent === 1, `the browser posted /ui/stop ${stopSent} times, expected once`);
  check(stopPosts.length === 1, `saw ${stopPosts.length} answers to POST /ui/stop, expected one`);
  check(stopPosts[0].status() === 303, `POST /ui/stop answered ${stopPosts[0].status()}, expected 303 back to the page`);
  await retrying('the page offers no Resume once stopped', () =>
    page.locator('button#resume').waitFor({ state: 'visible', timeout: 2_000 }));
  log(`clicked Stop: POST /ui/stop -> ${stopPosts[0].status()}, page shows STOPPED`);

  // 4. the screenshot, of the stopped page
  mkdirSync(dirname(shot), { recursive: true });
  await retrying('the screenshot failed', async () => {
    await state.filter({ hasText: /^STOPPED$/ }).waitFor({ state: 'visible', timeout: 2_000 });
    await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 });
  });
  log(`screenshot written to ${shot}`);
  log('OK');
} catch (e) {
  exitCode = 1;
  console.error(`status-page: FAIL: ${e instanceof CheckFailed ? e.message : (e && e.stack) || e}`);
  if (context) {
    try {
      const failed = shot.replace(/\.png$/, '') + '-failed.png';
      await context.pages()[0]?.screenshot({ path: failed, fullPage: true, timeout: 5_000 });
      console.error(`status-page: the page at the failure: ${failed}`);
    } catch {
      // nothing more to show
    }
  }
} finally {
  try {
    await context?.close();
  } catch (e) {
    log(`closing the browser failed: ${e.message}`);
  }
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
process.exit(exitCode);
