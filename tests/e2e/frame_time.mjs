// Frame times while scrolling a 100k-row result in the Results window, in headless Chromium
// (SwiftShader WebGL: software rendering, the slowest case). Creates 100,000 Story rows with
// bulk_create through window.gramlab, types `Story.objects.all()` into the Shell, waits for
// the table, then scrolls it with the mouse wheel for a few hundred frames and reports:
//   cpu_ms      the app's own work per frame on the main thread (ImGui build + GL calls),
//               from playground/app/test_hooks.cpp;
//   interval_ms the time between requestAnimationFrame callbacks (what the eye sees,
//               including Chromium's software raster and compositing);
// as n / p50 / p95 / max, plus the one-off costs (result arrival, sorting by a header).
// Usage: node frame_time.mjs BUILD/web [ROWS]     (docs/playground.md has the numbers)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appState, launch, openPlayground, percentiles, root, serve, typeInShell, waitState } from './harness.mjs';

const webDir = path.resolve(process.argv[2] || path.join(root, 'build/wasm/web'));
const rows = Number(process.argv[3] || 100000);
if (!fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`no index.html in ${webDir}: build the wasm preset first`);
  process.exit(2);
}

const { server, base } = await serve(webDir);
const browser = await launch();
let code = 0;
try {
  const { page } = await openPlayground(browser, base);
  const canvas = await page.locator('#canvas').boundingBox();
  // Frames with nothing happening: what this machine's software WebGL gives at best.
  const idle = async (ms) => page.evaluate((d) => new Promise((resolve) => {
    window.gramlabFrameTimes = [];
    const intervals = [];
    let last = performance.now();
    const t0 = last;
    const tick = (t) => {
      intervals.push(t - last);
      last = t;
      if (t - t0 < d) requestAnimationFrame(tick);
      else resolve({ cpu: window.gramlabFrameTimes.slice(), intervals: intervals.slice(1) });
    };
    requestAnimationFrame(tick);
  }), ms);
  const idleEmpty = await idle(3000);
  // 100k rows, 10k per statement (each under its own time budget).
  const tCreate = Date.now();
  const existing = Number((await page.evaluate(() => window.gramlab.shell('from instagram.models import *\nStory.objects.count()')))[1].output);
  for (let made = existing; made < rows;) {
    const n = Math.min(10000, rows - made);
    // (a new time budget starts a fresh shell session: import in the same call). 400 rows
    // per bulk_create: gramlab's bulk_create does not split batches yet (SQLite allows 500
    // terms in one compound SELECT).
    const r = (await page.evaluate(([from, k]) => window.gramlab.shell(
      'from instagram.models import *\n' +
      `for b in range(${from}, ${from + k}, 400):\n` +
      `    Story.objects.bulk_create([Story(story_author_id=1 + i % 6, story_content='story ' + str(i)) for i in range(b, min(b + 400, ${from + k}))])\n`,
      { time_budget_ms: 120000 }), [made, n]))[1];
    if (r.error) throw new Error('bulk_create: ' + JSON.stringify(r.error));
    made += n;
  }
  const createMs = Date.now() - tCreate;
  const total = Number((await page.evaluate(() => window.gramlab.shell('Story.objects.count()')))[0].output);
  // The Shell window's names, in the session the time budget started.
  await page.evaluate(() => window.gramlab.shell('from instagram.models import *\nfrom django.db.models import Q, F, Count'));

  // The result through the canvas: typed, run, parsed and shown.
  const tRun = Date.now();
  await typeInShell(page, 'Story.objects.all()');
  let s = await waitState(page, (x) => x.results.has && x.results.statement === 'Story.objects.all()', 120000);
  const resultMs = Date.now() - tRun;
  const shown = s.results.rows;

  await page.waitForTimeout(500);
  const idleTable = await idle(3000);
  // Scroll: the wheel over the table, one notch per frame-ish, down then up.
  const h = s.results.header_rects;
  const mx = canvas.x + (h[0] + h[h.length - 2]) / 2, my = canvas.y + h[3] + 120;
  await page.mouse.move(mx, my);
  await page.evaluate(() => {
    window.gramlabFrameTimes = [];
    window.__intervals = [];
    let last = performance.now();
    const tick = (t) => { window.__intervals.push(t - last); last = t; if (window.__measuring) requestAnimationFrame(tick); };
    window.__measuring = true;
    requestAnimationFrame(tick);
  });
  const steps = 300;
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, i < steps / 2 ? 600 : -600);
    await page.waitForTimeout(16);
  }
  // A jump of thousands of rows at once (a long fling).
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, 40000);
    await page.waitForTimeout(16);
  }
  const scroll = await page.evaluate(() => {
    window.__measuring = false;
    return { cpu: window.gramlabFrameTimes.slice(), intervals: window.__intervals.slice(1) };
  });

  // Sorting 100k rows: the frame that sorts (click the story_content header).
  s = await appState(page);
  const col = s.results.columns.indexOf('story_content');
  const r = s.results.header_rects.slice((col + 1) * 4, (col + 2) * 4);
  await page.evaluate(() => { window.gramlabFrameTimes = []; });
  await page.mouse.click(canvas.x + (r[0] + r[2]) / 2, canvas.y + (r[1] + r[3]) / 2);
  s = await waitState(page, (x) => x.results.sort_column === col, 30000);
  await page.waitForTimeout(200);
  const sortFrames = await page.evaluate(() => window.gramlabFrameTimes.slice());

  const shot = path.join(root, 'docs/screenshots/playground-results-100k.png');
  await page.screenshot({ path: shot });
  const report = {
    browser: browser.version(),
    rows_in_table: total, rows_shown: shown, truncated: s.results.truncated,
    create_rows_ms: createMs, statement_to_table_ms: resultMs,
    idle_no_table: { cpu_ms: percentiles(idleEmpty.cpu), interval_ms: percentiles(idleEmpty.intervals) },
    idle_100k_table: { cpu_ms: percentiles(idleTable.cpu), interval_ms: percentiles(idleTable.intervals) },
    scroll_frames_cpu_ms: percentiles(scroll.cpu),
    scroll_frame_interval_ms: percentiles(scroll.intervals),
    load_average_1min: os.loadavg()[0], cpus: os.cpus().length,
    sort_100k_frame_ms: Math.round(Math.max(...sortFrames) * 100) / 100,
    sorted_first_row: s.results.first[0],
    screenshot: path.relative(root, shot),
  };
  console.log(JSON.stringify(report, null, 1));
  if (shown < Math.min(rows, 100000)) { console.log('FAIL: the table did not get every row'); code = 1; }
} catch (e) {
  console.log('FAIL', e.stack || String(e));
  code = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
