// End-to-end test of the playground's Deploy, Help and SQL windows, the UI language, the system
// clipboard and high-DPI drawing in Debian's Chromium: the deploy pipeline through
// window.gramlab.deploy, the timeline stepped by clicking its buttons on the canvas (Step, Back,
// To end, Play/Pause, Reset), a request sent through the deployed world, the Help window, an N+1
// statement flagged in the SQL window and its rewrite run by a click, EXPLAIN QUERY PLAN in plain
// words, Korean UI after a reload, copy/paste between the Shell and the system clipboard, and a
// page at device scale 2. Screenshots under docs/screenshots/.
// Usage: node deploy.test.mjs BUILD/web [SCREENSHOT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { Checks, TYPE_OPTIONS, appState, canvasScale, launch, openPlayground, root, serve, showWindow, typeInShell, waitState } from './harness.mjs';

const webDir = path.resolve(process.argv[2] || path.join(root, 'build/wasm/web'));
const shotDir = path.resolve(process.argv[3] || path.join(root, 'docs/screenshots'));
if (!fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`no index.html in ${webDir}: build the wasm preset first`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const t = new Checks();
const { server, base } = await serve(webDir);
const browser = await launch();
let logs = [];
try {
  const opened = await openPlayground(browser, base);
  const page = opened.page;
  logs = opened.logs;
  const canvas = await page.locator('#canvas').boundingBox();
  const center = (rects, i) => [canvas.x + (rects[i * 4] + rects[i * 4 + 2]) / 2, canvas.y + (rects[i * 4 + 1] + rects[i * 4 + 3]) / 2];
  const shot = async (name) => {
    await page.mouse.move(canvas.x + canvas.width - 5, canvas.y + canvas.height - 5);
    await page.waitForTimeout(300);
    const file = path.join(shotDir, name);
    await page.screenshot({ path: file });
    t.check(`${name} saved`, fs.statSync(file).size > 20000, file);
  };

  // ---------------------------------------------------------------- JS API
  let p = await page.evaluate(() => window.gramlab.deploy.pipeline());
  t.check('deploy.pipeline(): 15 recorded steps at position 0', p.steps.length === 15 && p.summary.position === 0 &&
          p.steps[0].title === 'git push' && p.all_faults.length === 7, JSON.stringify(p.summary).slice(0, 300));
  let r = await page.evaluate(() => window.gramlab.deploy.request('/api/posts/'));
  t.check('deploy.request() before the deploy: connection refused', r.connected === false && /Connection refused/.test(r.curl_error),
          JSON.stringify(r));
  p = await page.evaluate(() => window.gramlab.deploy.pipeline(15));
  r = await page.evaluate(() => window.gramlab.deploy.request('/api/posts/'));
  t.check('deploy.request() after it: 200 with the posts, traced hop by hop', r.status === 200 && /Deploy day/.test(r.body) &&
          r.trace.some((l) => l.startsWith('nginx:')) && r.trace.some((l) => l.startsWith('gunicorn:')), JSON.stringify(r).slice(0, 400));
  p = await page.evaluate(() => window.gramlab.deploy.setFault('web-down', true));
  r = await page.evaluate(() => window.gramlab.deploy.request('/api/posts/'));
  t.check('a fault records the pipeline again: web-down gives 502', p.summary.faults[0] === 'web-down' && r.status === 502,
          JSON.stringify([p.summary.faults, r.status]));
  await page.evaluate(() => window.gramlab.deploy.setFault('web-down', false));
  let bad = await page.evaluate(() => window.gramlab.deploy.setFault('no-such', true).then(() => 'resolved', (e) => e.message));
  t.check('an unknown fault is an error', /unknown fault 'no-such'/.test(bad), bad);
  await page.evaluate(() => window.gramlab.deploy.pipeline('reset'));

  // ---------------------------------------------------------------- Deploy window on the canvas
  await showWindow(page, 'Shell', false);
  await showWindow(page, 'Deploy', true);
  let s = await waitState(page, (x) => x.deploy.loaded && !x.deploy.busy && x.deploy.button_rects[10] > 0);
  t.check('Deploy window: the timeline at step 0', s.deploy.steps === 15 && s.deploy.position === 0, JSON.stringify(s.deploy).slice(0, 300));
  const click = async (i) => {
    const [x, y] = center(s.deploy.button_rects, i);
    await page.mouse.click(x, y);
  };
  for (let i = 1; i <= 3; ++i) {
    await click(2);  // Step
    s = await waitState(page, (x) => x.deploy.position === i && !x.deploy.busy);
  }
  t.check('Step ▶ clicked three times: position 3', s.deploy.position === 3);
  await click(1);  // Back
  s = await waitState(page, (x) => x.deploy.position === 2 && !x.deploy.busy);
  t.check('◀ Back: position 2', s.deploy.position === 2);
  await click(4);  // To end
  s = await waitState(page, (x) => x.deploy.position === 15 && !x.deploy.busy);
  t.check('To end: the stack runs', !s.deploy.failed && s.deploy.containers.includes('ubuntu_nginx_1 running') &&
          s.deploy.containers.includes('ubuntu_web_1 running') && s.deploy.files > 10, JSON.stringify(s.deploy.containers));
  await click(5);  // Send request
  s = await waitState(page, (x) => x.deploy.response.has);
  t.check('Send request: 200 through nginx and gunicorn', s.deploy.response.status === 200 && s.deploy.response.trace >= 4,
          JSON.stringify(s.deploy.response));
  await shot('playground-deploy.png');
  await click(0);  // Reset
  s = await waitState(page, (x) => x.deploy.position === 0 && !x.deploy.busy);
  t.check('■ Reset: position 0, no containers', s.deploy.containers.length === 0, JSON.stringify(s.deploy.containers));
  await click(3);  // Play
  s = await waitState(page, (x) => x.deploy.position >= 2);
  t.check('▶ Play advances by itself', s.deploy.playing && s.deploy.position >= 2, JSON.stringify([s.deploy.playing, s.deploy.position]));
  await click(3);  // Pause
  s = await waitState(page, (x) => !x.deploy.playing && !x.deploy.busy);
  const paused = s.deploy.position;
  await page.waitForTimeout(1200);
  s = await appState(page);
  t.check('Pause stops it', s.deploy.position === paused, JSON.stringify([paused, s.deploy.position]));
  await showWindow(page, 'Deploy', false);

  // ---------------------------------------------------------------- Help
  await showWindow(page, 'Help', true);
  await page.waitForTimeout(500);
  await shot('playground-help.png');
  await showWindow(page, 'Help', false);
  await showWindow(page, 'Shell', true);

  // ---------------------------------------------------------------- clipboard
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
  s = await appState(page);
  const box = s.shell.input_rect;
  await page.mouse.click(canvas.x + (box[0] + box[2]) / 2, canvas.y + (box[1] + box[3]) / 2);
  await page.waitForTimeout(200);
  await page.keyboard.type('Post.objects.count()', TYPE_OPTIONS);
  await page.waitForTimeout(200);
  await page.keyboard.press('Control+A');
  await page.waitForTimeout(150);
  await page.keyboard.press('Control+C');
  await page.waitForTimeout(300);
  const copied = await page.evaluate(() => window.playground.gramlabClipboard);
  const system = await page.evaluate(() => navigator.clipboard.readText().catch((e) => 'ERR ' + e.message));
  t.check('Ctrl+C copies the Shell input to the system clipboard', copied === 'Post.objects.count()' && system === copied,
          JSON.stringify([copied, system]));
  await page.evaluate(() => navigator.clipboard.writeText('User.objects.count()'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(150);
  const before = (await appState(page)).shell.entries;
  await page.keyboard.press('Control+V');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+Enter');
  s = await waitState(page, (x) => x.shell.entries > before && !x.shell.running);
  const last = await page.evaluate(() => window.gramlab.workspace().then((w) => w.history[w.history.length - 1]));
  t.check('Ctrl+V pastes the system clipboard into the Shell', last === 'User.objects.count()', JSON.stringify(last));

  // ---------------------------------------------------------------- SQL window: N+1, Explain
  let ex = await page.evaluate(() => window.gramlab.explain(
    'SELECT "instagram_post"."id" FROM "instagram_post" WHERE "instagram_post"."location" = ?', ['서울']));
  t.check('gramlab.explain(): a full scan, in plain words, with the index that could help',
          ex.error === null && ex.plan.length === 1 && ex.plan[0].full_scan && /full table scan/.test(ex.plan[0].explanation) &&
          ex.suggestions.length === 1 && /instagram_post\.location/.test(ex.suggestions[0]), JSON.stringify(ex));
  await typeInShell(page, '[p.post_author.username for p in Post.objects.all()]');
  s = await waitState(page, (x) => x.sql.last_statement.startsWith('[p.post_author') && !x.shell.running && x.sql.rewrite_rect[2] > 0 && x.sql.rewrite_rect[1] > 0);
  t.check('SQL window: the N+1 statement is flagged', s.sql.last_n_plus_one === 1 && s.sql.last_queries === 13 &&
          s.sql.last_evaluations >= 1, JSON.stringify(s.sql));
  await shot('playground-sql.png');
  // The list scrolls to the new statement over a few frames (slower on a loaded machine): read
  // the button's rectangle again once it has settled, and hold the click across a frame.
  await page.waitForTimeout(300);
  s = await waitState(page, (x) => x.sql.rewrite_rect[2] > 0 && x.sql.rewrite_rect[1] > 0);
  await page.mouse.click(canvas.x + (s.sql.rewrite_rect[0] + s.sql.rewrite_rect[2]) / 2,
                         canvas.y + (s.sql.rewrite_rect[1] + s.sql.rewrite_rect[3]) / 2, { delay: 50 });
  s = await waitState(page, (x) => /select_related\('post_author'\)/.test(x.sql.last_statement) && !x.shell.running);
  t.check('"Run the rewrite": the same result in 1 query', s.sql.last_queries === 1 && s.sql.last_n_plus_one === 0 &&
          s.sql.last_statement === "[p.post_author.username for p in Post.objects.select_related('post_author').all()]",
          JSON.stringify(s.sql));
  await typeInShell(page, "Post.objects.filter(location='서울').count()");
  s = await waitState(page, (x) => x.sql.last_statement.startsWith('Post.objects.filter') && !x.shell.running);
  await page.waitForTimeout(300);  // the list scrolled to the new statement
  s = await waitState(page, (x) => x.sql.explain_rect[2] > 0 && x.sql.explain_rect[1] > 0);
  await page.mouse.click(canvas.x + (s.sql.explain_rect[0] + s.sql.explain_rect[2]) / 2,
                         canvas.y + (s.sql.explain_rect[1] + s.sql.explain_rect[3]) / 2, { delay: 50 });
  s = await waitState(page, (x) => x.sql.explains.length > 0 && !x.sql.explains[0].busy);
  t.check('Explain in the SQL window: the plan in plain words', s.sql.explains[0].steps > 0 && s.sql.explains[0].error === '' &&
          /full table scan/.test(s.sql.explains[0].first) && /instagram_post\.location/.test(s.sql.explains[0].suggestions[0]),
          JSON.stringify(s.sql.explains));
  await shot('playground-sql-explain.png');

  // ---------------------------------------------------------------- export / import a file
  await page.evaluate(() => window.gramlab.shell("Post.objects.filter(pk=1).update(location='파일에서')"));
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.gramlab.exportFile())]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  t.check('exportFile() downloads the workspace document', download.suggestedFilename() === 'gramlab-workspace.json' &&
          exported.format === 'gramlab-workspace' && typeof exported.database === 'string', download.suggestedFilename());
  const reset = await page.evaluate(() => window.gramlab.resetWorkspace());
  const afterReset = await page.evaluate(() => window.gramlab.shell('from instagram.models import *\nPost.objects.get(pk=1).location'));
  t.check('resetWorkspace() opens the example again', reset.ok && afterReset[1].output !== "'파일에서'\n", JSON.stringify(afterReset[1]));
  const imported = await page.evaluate((text) => window.gramlab.importFile(new Blob([text])), JSON.stringify(exported));
  const afterImport = await page.evaluate(() => window.gramlab.shell('from instagram.models import *\nPost.objects.get(pk=1).location'));
  t.check('importFile() opens the exported document', imported.ok && afterImport[1].output === "'파일에서'\n",
          JSON.stringify([imported, afterImport[1]]));

  // ---------------------------------------------------------------- Korean UI
  await page.evaluate(() => localStorage.setItem('gramlab.lang', 'ko'));
  await page.reload();
  await page.waitForFunction(() => window.gramlab && window.gramlab.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.gramlab.ready);
  await page.waitForFunction(() => window.playground && window.playground.ccall, null, { timeout: 30000 });
  s = await waitState(page, (x) => x.shell.entries > 0 && !x.shell.running);
  t.check('the saved language is Korean after a reload', s.language === 'ko', s.language);
  await showWindow(page, 'Deploy', true);
  s = await waitState(page, (x) => x.deploy.loaded);
  await shot('playground-korean.png');
  await page.evaluate(() => localStorage.setItem('gramlab.lang', 'en'));

  // ---------------------------------------------------------------- high-DPI
  const hi = await openPlayground(browser, base, { width: 900, height: 560 }, 2);
  const k = await canvasScale(hi.page);
  t.check('device scale 2: the drawing buffer is twice the CSS size', k === 2, String(k));
  await typeInShell(hi.page, 'Post.objects.count()');
  s = await waitState(hi.page, (x) => x.shell.entries >= 3 && !x.shell.running);
  const hiLast = await hi.page.evaluate(() => window.gramlab.workspace().then((w) => w.history[w.history.length - 1]));
  t.check('device scale 2: a click and typing reach the Shell', hiLast === 'Post.objects.count()', JSON.stringify(hiLast));
  const hiShot = path.join(shotDir, 'playground-hidpi.png');
  await hi.page.screenshot({ path: hiShot });
  t.check('playground-hidpi.png saved', fs.statSync(hiShot).size > 20000, hiShot);
  logs.push(...hi.logs);

  const errors = logs.filter((l) => l.startsWith('PAGEERROR') || l.startsWith('error'));
  t.check('no page errors', errors.length === 0, errors.join('\n'));
} catch (e) {
  t.check('no exception', false, e.stack || String(e));
  console.log(logs.slice(-20).join('\n'));
} finally {
  await browser.close();
  server.close();
}
console.log(`${t.passed} passed, ${t.failed} failed`);
process.exit(t.failed ? 1 : 0);
