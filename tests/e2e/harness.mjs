// Shared by the playground's browser tests and benchmarks (windows.test.mjs, frame_time.mjs):
// a static server for the built web/ folder on 127.0.0.1 (with the headers nginx sends),
// Debian's Chromium through playwright-core (no browser download), a page opened on the
// playground and ready, pass/fail bookkeeping, and helpers over the app's test hooks
// (playground/app/test_hooks.cpp).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

//! How tests type into the canvas app: one key every 20 ms. Typed all at once, a key now and
//! then did not reach the app's text box (a ')' missing from a typed line, about one run in
//! ten), which left the test waiting for a state that never came.
export const TYPE_OPTIONS = { delay: 20 };

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.data': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8', '.ttf': 'font/ttf' };

// The body for `file` as the browser asked: the build's precompressed copy (FILE.br, else
// FILE.gz; scripts/precompress.mjs) when it accepts that encoding, else the file as it is —
// what nginx's brotli_static / gzip_static do.
function encoded(file, acceptEncoding) {
  const accepted = new Set(acceptEncoding.split(',').map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0).map(([name]) => name.trim()));
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepted.has(encoding) && fs.existsSync(file + ext) && fs.statSync(file + ext).mtimeMs >= fs.statSync(file).mtimeMs)
      return { body: fs.readFileSync(file + ext), encoding };
  }
  return { body: fs.readFileSync(file), encoding: '' };
}

//! Serves `webDir` on an ephemeral port of 127.0.0.1 → {server, base, bytes()}; bytes() is
//! what went over the wire (compressed as the browser asked: brotli or gzip). With
//! `isolated` (the default) the page is cross-origin isolated (COOP + COEP, as
//! scripts/serve_playground.py serves it); without, it is a plain static host.
export async function serve(webDir, { isolated = true } = {}) {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.join(webDir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    const target = url.pathname.endsWith('/') ? path.join(file, 'index.html') : file;
    if (!target.startsWith(webDir) || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const { body, encoding } = encoded(target, String(req.headers['accept-encoding'] || ''));
    bytes += body.length;
    const headers = { 'Content-Type': types[path.extname(target)] || 'application/octet-stream',
                      'Content-Length': body.length, 'Cache-Control': 'no-store' };
    if (encoding) {
      headers['Content-Encoding'] = encoding;
      headers['Vary'] = 'Accept-Encoding';
    }
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/`, bytes: () => bytes };
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

//! Opens the playground in a new page and waits until its first statement (the startup
//! imports) has been answered → {page, logs}.
export async function openPlayground(browser, base, viewport = { width: 1280, height: 720 }, deviceScaleFactor = 1) {
  const page = await browser.newPage({ viewport, deviceScaleFactor });
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push('PAGEERROR ' + e.message));
  await page.goto(base + 'index.html');
  await page.waitForFunction(() => window.gramlab && window.gramlab.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.gramlab.ready);
  await page.waitForSelector('#loading', { state: 'hidden', timeout: 30000 });
  await page.waitForFunction(() => {
    if (!window.playground) return false;
    const s = JSON.parse(window.playground.ccall('playground_state', 'string', [], []));
    return s.shell && s.shell.entries > 0 && !s.shell.running;
  }, null, { timeout: 30000 });
  return { page, logs };
}

//! The app's state summary (test_hooks.cpp playground_state).
export async function appState(page) {
  return JSON.parse(await page.evaluate(() => window.playground.ccall('playground_state', 'string', [], [])));
}

//! Opens or closes a window by title.
export async function showWindow(page, name, open = true) {
  return page.evaluate(([n, o]) => window.playground.ccall('playground_show_window', 'number', ['string', 'number'], [n, o ? 1 : 0]),
                       [name, open]);
}

//! Waits until `pred(state)` holds (polling the app's state) → the state.
export async function waitState(page, pred, timeoutMs = 30000) {
  const t0 = Date.now();
  for (;;) {
    const s = await appState(page);
    if (pred(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for the app state: ' + JSON.stringify(s));
    await page.waitForTimeout(100);
  }
}

//! Drawing-buffer pixels per CSS pixel (the app draws in device pixels on high-DPI screens,
//! so its rectangles are divided by this to click them).
export async function canvasScale(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    return c.width / c.getBoundingClientRect().width;
  });
}

//! Types `text` into the Shell window's input box through the keyboard and runs it (Ctrl+Enter).
export async function typeInShell(page, text) {
  const canvas = await page.locator('#canvas').boundingBox();
  const s = await appState(page);
  const k = await canvasScale(page);
  const box = s.shell.input_rect;
  const x = box ? canvas.x + (box[0] + box[2]) / 2 / k : canvas.x + 300;
  const y = box ? canvas.y + (box[1] + box[3]) / 2 / k : canvas.y + canvas.height - 60;
  await page.mouse.click(x, y);
  await page.waitForTimeout(150);
  await page.keyboard.type(text, TYPE_OPTIONS);
  await page.keyboard.press('Control+Enter');
}

export function percentiles(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (p) => (v.length ? v[Math.min(v.length - 1, Math.floor(p * v.length))] : NaN);
  const round = (x) => Math.round(x * 100) / 100;
  return { n: v.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(v.length ? v[v.length - 1] : NaN) };
}

export class Checks {
  constructor() { this.passed = 0; this.failed = 0; }
  check(name, ok, detail = '') {
    if (ok) { this.passed++; console.log(`ok   ${name}`); return; }
    this.failed++;
    console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  }
}
