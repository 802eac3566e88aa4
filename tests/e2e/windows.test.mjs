// End-to-end test of the playground's data windows in Debian's Chromium: Results (a typed
// QuerySet shown as a table, sorted by clicking a header on the canvas) and Models (models.py
// edited, checked, migrated through the JS API and shown at its line), each checked through
// window.gramlab and the app's state, with a screenshot per window under docs/screenshots/.
// Usage: node windows.test.mjs BUILD/web [SCREENSHOT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { Checks, TYPE_OPTIONS, appState, launch, openPlayground, root, serve, showWindow, typeInShell, waitState } from './harness.mjs';

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

  // ---------------------------------------------------------------- Results, JS API
  await page.evaluate(() => window.gramlab.shell('from instagram.models import *'));
  const plain = await page.evaluate(() => window.gramlab.shell("User.objects.order_by('id').values_list('instagram_id', 'username')"));
  t.check('shell without result_rows has no "result" (the CLI contract)', !('result' in plain[0]), JSON.stringify(plain[0]));
  const [vl] = await page.evaluate(() => window.gramlab.shell(
    "User.objects.order_by('id').values_list('instagram_id', 'username')", { result_rows: 100000 }));
  t.check('result: values_list shape', vl.result && vl.result.kind === 'values_list' && vl.result.model === 'instagram.User' &&
          JSON.stringify(vl.result.columns) === '["instagram_id","username"]' && vl.result.rows.length === 6 &&
          vl.result.rows[0][0] === 'kim_minji' && vl.result.rows[0][1] === '김민지' && vl.result.truncated === false,
          JSON.stringify(vl.result));
  t.check('result: same statement output as without it', vl.output === plain[0].output);
  const [capped] = await page.evaluate(() => window.gramlab.shell("Comment.objects.order_by('id')", { result_rows: 4 }));
  t.check('result: capped rows say truncated', capped.result.rows.length === 4 && capped.result.truncated === true &&
          capped.result.kind === 'queryset' && capped.result.columns[0] === 'id', JSON.stringify(capped.result).slice(0, 300));

  // ---------------------------------------------------------------- Results, canvas
  await typeInShell(page, "Post.objects.order_by('id')");
  let s = await waitState(page, (x) => x.results.has && x.results.statement === "Post.objects.order_by('id')" &&
                                       x.results.first.length > 0 && x.results.header_rects.length > 0);
  t.check('Results window shows the typed QuerySet', s.results.kind === 'queryset' && s.results.rows === 12 &&
          s.results.model === 'instagram.Post' && s.results.first[0][0] === '1' && s.results.first[1][0] === '2',
          JSON.stringify(s.results).slice(0, 400));
  const likeCol = s.results.columns.indexOf('numOfLike');
  t.check('Results columns are the fields', likeCol > 0 && s.results.columns[0] === 'id', JSON.stringify(s.results.columns));
  // Click the numOfLike header (header_rects: "#" first, then each column).
  const rect = s.results.header_rects.slice((likeCol + 1) * 4, (likeCol + 2) * 4);
  const clickHeader = async () => {
    await page.mouse.click(canvas.x + (rect[0] + rect[2]) / 2, canvas.y + (rect[1] + rect[3]) / 2);
  };
  await clickHeader();
  s = await waitState(page, (x) => x.results.sort_column === likeCol);
  const likes = await page.evaluate(() => window.gramlab.shell("list(Post.objects.order_by('numOfLike', 'id').values_list('numOfLike', flat=True))"));
  const sortedAsc = JSON.parse(likes[0].output.trim().replace(/'/g, '"'));
  t.check('header click sorts ascending', !s.results.sort_descending && Number(s.results.first[0][likeCol]) === sortedAsc[0] &&
          Number(s.results.first[2][likeCol]) === sortedAsc[2], JSON.stringify(s.results.first));
  await page.waitForTimeout(200);
  await clickHeader();
  s = await waitState(page, (x) => x.results.sort_column === likeCol && x.results.sort_descending);
  t.check('second click sorts descending', Number(s.results.first[0][likeCol]) === sortedAsc[sortedAsc.length - 1],
          JSON.stringify(s.results.first));
  // A values() result is shown as such.
  await page.waitForTimeout(200);
  await typeInShell(page, "Post.objects.values('id', 'location')[:3]");
  s = await waitState(page, (x) => x.results.kind === 'values');
  t.check('values() shown with its keys', JSON.stringify(s.results.columns) === '["id","location"]' && s.results.rows === 3,
          JSON.stringify(s.results));
  await page.waitForTimeout(200);
  await typeInShell(page, 'User.objects.all()');
  await waitState(page, (x) => x.results.statement === 'User.objects.all()');
  await page.waitForTimeout(400);
  const resultsShot = path.join(shotDir, 'playground-results.png');
  await page.screenshot({ path: resultsShot });
  t.check('Results screenshot saved', fs.statSync(resultsShot).size > 20000, resultsShot);

  // ---------------------------------------------------------------- Models
  const center = (r, i = 0) => [canvas.x + (r[i * 4] + r[i * 4 + 2]) / 2, canvas.y + (r[i * 4 + 1] + r[i * 4 + 3]) / 2];
  await showWindow(page, 'Results', false);
  await showWindow(page, 'Models', true);
  s = await waitState(page, (x) => x.models.loaded && x.models.text_length > 0 && x.models.editor_rect[2] > 0);
  const original = (await page.evaluate(() => window.gramlab.workspace())).files['models.py'];
  t.check('Models window has the workspace models.py', s.models.text_length === new TextEncoder().encode(original).length,
          `${s.models.text_length} vs ${original.length}`);
  // Type a new model at the end of the file, then Make migrations (the edit is sent first).
  const clickAt = async ([x, y]) => { await page.mouse.click(x, y); await page.waitForTimeout(150); };
  await clickAt(center(s.models.editor_rect));
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nclass Tag(models.Model):\n    name = models.CharField(max_length=20)\n', TYPE_OPTIONS);
  await waitState(page, (x) => x.models.dirty);
  await clickAt(center(s.models.button_rects, 1));
  s = await waitState(page, (x) => !x.models.busy && x.models.migration_files.length > 0);
  t.check('Make migrations shows the new migration file', s.models.migration_files[0] === 'migrations/0002_tag.py',
          JSON.stringify(s.models));
  await clickAt(center(s.models.button_rects, 2));
  s = await waitState(page, (x) => !x.models.busy && x.models.migrate_sql.length > 0);
  t.check('Migrate shows the applied migration and its SQL', s.models.migrate_sql[0] === 'instagram.0002_tag', JSON.stringify(s.models));
  const made = await page.evaluate(() => window.gramlab.shell("from instagram.models import Tag\nTag.objects.create(name='django').pk"));
  t.check('the typed model is migrated and usable in the shell', made[1].output === '1\n', JSON.stringify(made));
  // A field with an error: Check marks it at its line.
  await page.waitForTimeout(200);
  await clickAt(center(s.models.editor_rect));
  await page.keyboard.press('Control+End');
  await page.keyboard.type('    label = models.CharField()\n', TYPE_OPTIONS);
  await waitState(page, (x) => x.models.dirty);
  await clickAt(center(s.models.button_rects, 0));
  s = await waitState(page, (x) => !x.models.busy && x.models.check_exit === 1);
  const edited = (await page.evaluate(() => window.gramlab.workspace())).files['models.py'];
  const wantLine = edited.split('\n').findIndex((l) => l.includes('label = models.CharField()')) + 1;
  t.check('Check marks fields.E120 at its line', s.models.messages.length === 1 && s.models.messages[0].id === 'fields.E120' &&
          s.models.messages[0].line === wantLine && wantLine > 0, JSON.stringify(s.models.messages) + ' want line ' + wantLine);
  const api = await page.evaluate(() => window.gramlab.check());
  t.check('gramlab.check() agrees', api.messages.length === 1 && api.messages[0].obj === 'instagram.Tag.label' &&
          /\(fields\.E120\) CharFields must define a 'max_length' attribute\./.test(api.err), JSON.stringify(api));
  await page.waitForTimeout(400);
  const modelsShot = path.join(shotDir, 'playground-models.png');
  await page.screenshot({ path: modelsShot });
  t.check('Models screenshot saved', fs.statSync(modelsShot).size > 20000, modelsShot);
  await showWindow(page, 'Models', false);

  // ---------------------------------------------------------------- Schema
  await showWindow(page, 'Schema', true);
  s = await waitState(page, (x) => x.schema.loaded && x.schema.models.length > 0 && x.schema.canvas_rect[2] > 0 &&
                                   x.schema.models.every((m) => m.rect[2] > m.rect[0]));
  const labels = s.schema.models.map((m) => m.label);
  t.check('Schema has every model, the new one too', ['instagram.User', 'instagram.Post', 'instagram.Comment', 'instagram.Tag']
          .every((l) => labels.includes(l)) && s.schema.edges >= 6, JSON.stringify(labels) + ` edges ${s.schema.edges}`);
  const postBox = s.schema.models.find((m) => m.label === 'instagram.Post').rect;
  await clickAt(center(postBox));
  s = await waitState(page, (x) => x.schema.selected !== null);
  t.check('clicking a model selects it (its DDL shown)', s.schema.selected === 'instagram.Post', s.schema.selected);
  const zoom0 = s.schema.zoom;
  const cr = s.schema.canvas_rect;
  await page.mouse.move(canvas.x + cr[0] + 30, canvas.y + cr[1] + 30);
  await page.mouse.wheel(0, -300);
  s = await waitState(page, (x) => x.schema.zoom !== zoom0);
  t.check('wheel zooms', s.schema.zoom > zoom0, `${zoom0} -> ${s.schema.zoom}`);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(300);
  const pan0 = (await appState(page)).schema.pan;
  await page.mouse.move(canvas.x + cr[0] + 12, canvas.y + cr[3] - 12);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) { await page.mouse.move(canvas.x + cr[0] + 12 + i * 8, canvas.y + cr[3] - 12 - i * 4); await page.waitForTimeout(40); }
  await page.mouse.up();
  s = await waitState(page, (x) => x.schema.pan[0] !== pan0[0]);
  t.check('drag pans', s.schema.pan[0] > pan0[0], `${pan0} -> ${s.schema.pan}`);
  await page.waitForTimeout(300);
  const schemaShot = path.join(shotDir, 'playground-schema.png');
  await page.screenshot({ path: schemaShot });
  t.check('Schema screenshot saved', fs.statSync(schemaShot).size > 20000, schemaShot);
  await showWindow(page, 'Schema', false);

  // ---------------------------------------------------------------- Data
  await showWindow(page, 'Data', true);
  s = await waitState(page, (x) => x.data.table_item_rects.length > 0);
  const postIndex = labels.indexOf('instagram.Post');
  await clickAt(center(s.data.table_item_rects, postIndex));
  s = await waitState(page, (x) => x.data.table === 'instagram.Post' && !x.data.loading && x.data.rows > 0 && x.data.row0_rects.length > 0);
  t.check('Data shows the Post table', s.data.rows === 12 && s.data.columns[0] === 'id' && s.data.first[0][0] === '1',
          JSON.stringify(s.data).slice(0, 400));
  const locCol = s.data.columns.indexOf('location');
  const editCell = async (col, text) => {
    const [x, y] = center(s.data.row0_rects, col);
    await page.mouse.click(x, y);  // selects the cell
    await waitState(page, (st) => st.data.sel[1] === col);
    await page.waitForTimeout(400);
    await page.mouse.click(x, y);  // edits it
    await waitState(page, (st) => st.data.edit[1] === col);
    await page.waitForTimeout(150);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text, TYPE_OPTIONS);
    await page.keyboard.press('Enter');
    return waitState(page, (st) => !st.data.loading && st.data.edit[0] === -1 && st.data.last_output !== '' && st.data.rows > 0);
  };
  s = await editCell(locCol, 'Busan');
  t.check('a cell edit runs a generated ORM statement', s.data.last_statement === "Post.objects.filter(pk=1).update(location='Busan')" &&
          s.data.last_output === '1' && !s.data.last_failed && s.data.first[0][locCol] === 'Busan', JSON.stringify(s.data).slice(0, 500));
  const viaOrm = await page.evaluate(() => window.gramlab.shell('Post.objects.get(pk=1).location'));
  t.check('the edit is in the database', viaOrm[0].output === "'Busan'\n", JSON.stringify(viaOrm));
  const authorCol = s.data.columns.indexOf('post_author_id');
  const authorBefore = s.data.first[0][authorCol];
  await page.waitForTimeout(200);
  s = await editCell(authorCol, '999');
  t.check('a constraint violation is shown, the row unchanged', s.data.last_failed && /IntegrityError/.test(s.data.last_output) &&
          s.data.first[0][authorCol] === authorBefore, JSON.stringify(s.data).slice(0, 500));
  await page.mouse.move(canvas.x + canvas.width - 5, canvas.y + canvas.height - 5);  // no tooltip over the table
  await page.waitForTimeout(300);
  const dataShot = path.join(shotDir, 'playground-data.png');
  await page.screenshot({ path: dataShot });
  t.check('Data screenshot saved', fs.statSync(dataShot).size > 20000, dataShot);

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
