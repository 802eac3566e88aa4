// Measures the playground's first load in Debian's Chromium, as issue 5 asks: from navigation
// to the first interactive frame (the app drawn, the loading screen gone, input accepted), to
// the core being ready (its wasm compiled in the worker, the example workspace migrated and its
// fixture loaded), and the bytes that went over the wire (compressed as the browser asked;
// cache off, so every run is a first load). A measurement, not a test: it prints a table and
// always exits 0 unless the page fails to load.
// Usage: node load_time.mjs BUILD/web [RUNS]
import fs from 'node:fs';
import path from 'node:path';
import { launch, percentiles, root, serve } from './harness.mjs';

const webDir = path.resolve(process.argv[2] || path.join(root, 'build/wasm/web'));
const runs = Number(process.argv[3] || 7);
if (!fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`no index.html in ${webDir}: build the wasm preset first`);
  process.exit(2);
}
const { server, base, bytes } = await serve(webDir);
const browser = await launch();
const rows = [];
try {
  for (let i = 0; i < runs + 1; ++i) {  // the first run warms the server's compression cache
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const encodings = new Set();
    page.on('response', (r) => { const e = r.headers()['content-encoding']; if (e) encodings.add(e); });
    const before = bytes();
    await page.goto(base + 'index.html');
    await page.waitForFunction(() => window.gramlabFirstFrameMs, null, { timeout: 60000 });
    await page.waitForFunction(() => window.gramlabCoreReadyMs, null, { timeout: 60000 });
    const t = await page.evaluate(() => ({ first: window.gramlabFirstFrameMs, ready: window.gramlabCoreReadyMs,
                                           ...window.gramlabLoadTimes }));
    if (i > 0) rows.push({ first: t.first, ready: t.ready, fetched: t.appFetched, started: t.appStarted,
                           bytes: bytes() - before, enc: [...encodings].join('+') });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const stats = (values) => ({ ...percentiles(values), min: Math.min(...values) });
const first = stats(rows.map((r) => r.first));
const ready = stats(rows.map((r) => r.ready));
const b = stats(rows.map((r) => r.bytes));
const fetched = stats(rows.map((r) => r.fetched));
const started = stats(rows.map((r) => r.started));
console.log(`Chromium ${browser.version()}, ${runs} cold loads, encoding ${rows[0].enc || 'none'}`);
console.log('| measure | p50 | min | max |');
console.log('|---|---:|---:|---:|');
console.log(`| navigation → the app's files downloaded (ms) | ${Math.round(fetched.p50)} | ${Math.round(fetched.min)} | ${Math.round(fetched.max)} |`);
console.log(`| navigation → the app's main() done: WebGL, fonts (ms) | ${Math.round(started.p50)} | ${Math.round(started.min)} | ${Math.round(started.max)} |`);
console.log(`| navigation → first interactive frame (ms) | ${Math.round(first.p50)} | ${Math.round(first.min)} | ${Math.round(first.max)} |`);
console.log(`| navigation → core ready, workspace open (ms) | ${Math.round(ready.p50)} | ${Math.round(ready.min)} | ${Math.round(ready.max)} |`);
console.log(`| bytes transferred, first load | ${b.p50.toLocaleString('en')} | ${b.min.toLocaleString('en')} | ${b.max.toLocaleString('en')} |`);
