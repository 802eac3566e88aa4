// Loads the core's WASM module (gramlab_core.js, createGramlabCore) under node and checks its
// exports against the native CLI: shell statements must give exactly the lines
// `gramlab shell --json --now ...` prints (tests/wasm/expected/, made by
// scripts/update_wasm_golden.sh; query times aside), deploy commands those of
// `gramlab deploy sh --json`; plus workspace round trip, time budget, the windows' exports
// (result tables, set_file/check/makemigrations/migrate/sqlmigrate/schema) and bad input.
// Usage: node --no-experimental-fetch core_api_test.mjs PATH/TO/gramlab_core.js SOURCE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modulePath, srcDir] = process.argv.slice(2);
if (!modulePath || !srcDir) {
  console.error('usage: core_api_test.mjs PATH/TO/gramlab_core.js SOURCE_DIR');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const createGramlabCore = require(path.resolve(modulePath));
const core = await createGramlabCore();
const call = (name, ...args) => core.ccall(name, 'string', args.map(() => 'string'), args);

let failures = 0, passed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); return; }
  failures++;
  console.log(`FAIL ${name}${detail ? '\n' + detail : ''}`);
}
const read = (rel) => fs.readFileSync(path.join(srcDir, rel), 'utf8');
// The module returns "[" + one line per object joined by ",\n" + "]": JSON strings never hold
// a raw newline, so splitting there gives back the CLI's lines.
function lines(arrayText) {
  const inner = arrayText.slice(1, -1);
  return inner === '' ? [] : inner.split(',\n');
}
const noTimes = (line) => line.replace(/"ms":( ?)[0-9.eE+-]+/g, '"ms":$10');
function compareLines(name, got, want) {
  check(`${name}: ${want.length} objects`, got.length === want.length, `got ${got.length}, want ${want.length}`);
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) {
    const g = noTimes(got[i]), w = noTimes(want[i]);
    check(`${name} #${i + 1}`, g === w, `  got:  ${g}\n  want: ${w}`);
  }
}
const NOW = '{"now": "2024-01-15T12:00:00Z"}';

// 1. The default workspace opens migrated with its fixture loaded.
const opened = JSON.parse(call('gramlab_open', '', NOW));
check('open default workspace', opened.ok === true && /Installed 58 object\(s\)/.test(opened.log), JSON.stringify(opened));

// 2. Shell statements: the CLI's exact lines.
const shellOut = call('gramlab_shell', read('tests/wasm/statements.py'), NOW);
JSON.parse(shellOut);  // must be valid JSON
const wantShell = read('tests/wasm/expected/shell.jsonl').split('\n').filter((l) => l !== '');
compareLines('shell', lines(shellOut), wantShell);

// 3. deploy sh: the CLI's exact lines.
const deployOut = call('gramlab_deploy_sh', read('tests/wasm/deploy_commands.sh'));
JSON.parse(deployOut);
const wantDeploy = read('tests/wasm/expected/deploy_sh.jsonl').split('\n').filter((l) => l !== '');
compareLines('deploy sh', lines(deployOut), wantDeploy);

// 4. The workspace document round-trips: the database (with the post created above) and history.
const ws = call('gramlab_workspace');
const doc = JSON.parse(ws);
check('workspace format', doc.format === 'gramlab-workspace' && doc.version === 1 && doc.app_label === 'instagram' &&
      typeof doc.database === 'string' && doc.files['models.py'] !== undefined &&
      doc.deploy.files['docker-compose.yml'] !== undefined && doc.history.includes('Post.objects.count()'));
const countBefore = JSON.parse(call('gramlab_shell', 'Post.objects.count()', ''))[0].output;
check('reopen saved workspace', JSON.parse(call('gramlab_open', ws, NOW)).ok === true);
const countAfter = JSON.parse(call('gramlab_shell', 'from instagram.models import Post\nPost.objects.count()', ''))[1].output;
check('database restored', countBefore === countAfter && countAfter !== null, `${countBefore} vs ${countAfter}`);

// 5. The time budget ends a runaway statement; the session goes on.
const t0 = Date.now();
const runaway = JSON.parse(call('gramlab_shell', 'n = 0\nwhile True:\n    n = n + 1\n', '{"time_budget_ms": 200}'));
const stopped = runaway[runaway.length - 1];
check('time budget stops a loop', stopped.error !== null && Date.now() - t0 < 5000, JSON.stringify(stopped));
check('session continues', JSON.parse(call('gramlab_shell', '1 + 1', ''))[0].output === '2\n');

// 6. The Results window's tables, and the Models and Schema windows' commands.
check('reopen default workspace', JSON.parse(call('gramlab_open', '', NOW)).ok === true);
const vl = JSON.parse(call('gramlab_shell', "from instagram.models import *\nUser.objects.order_by('id').values_list('instagram_id', flat=True)",
                           '{"result_rows": 100000}'));
check('result_rows: values_list table', vl[1].result && vl[1].result.kind === 'values_list' &&
      JSON.stringify(vl[1].result.columns) === '["instagram_id"]' && vl[1].result.rows.length === 6 &&
      vl[1].result.rows[0][0] === 'kim_minji' && vl[1].result.truncated === false, JSON.stringify(vl[1].result));
check('result_rows holds for one call', !('result' in JSON.parse(call('gramlab_shell', 'User.objects.all()', ''))[0]));
const capped = JSON.parse(call('gramlab_shell', "Post.objects.order_by('id')", '{"result_rows": 5}'))[0].result;
check('result_rows caps and says truncated', capped.rows.length === 5 && capped.truncated === true &&
      capped.kind === 'queryset' && capped.columns.join(',') === 'id,post_author_id,location,numOfLike,post_content,is_comment,upload_time',
      JSON.stringify(capped).slice(0, 300));
const r2 = JSON.parse(call('gramlab_shell', 'x = 1', '{"result_rows": -1}'));
check('result_rows: bad value', r2.ok === false && /result_rows/.test(r2.error.message), JSON.stringify(r2));
const clean = JSON.parse(call('gramlab_check'));
check('check: clean', clean.exit_code === 0 && clean.messages.length === 0 && /no issues/.test(clean.out), JSON.stringify(clean));
const modelsPy = doc.files['models.py'];
const brokenPy = modelsPy.replace('location = models.CharField(max_length=100)', 'location = models.CharField()');
const bad = JSON.parse(core.ccall('gramlab_set_file', 'string', ['string', 'string'], ["models.py", brokenPy]));
const badLine = brokenPy.split('\n').findIndex((l) => l.includes('location = models.CharField()')) + 1;
check('set_file + check: message at its line', bad.exit_code === 1 && bad.messages.length === 1 &&
      bad.messages[0].id === 'fields.E120' && bad.messages[0].line === badLine && bad.messages[0].file === 'models.py',
      JSON.stringify(bad));
const withField = modelsPy.replace('    story_content = models.TextField()\n',
                                   '    story_content = models.TextField()\n    views = models.IntegerField(default=0)\n');
check('set_file: fixed', JSON.parse(core.ccall('gramlab_set_file', 'string', ['string', 'string'], ['models.py', withField])).exit_code === 0);
const mk = JSON.parse(call('gramlab_makemigrations', ''));
check('makemigrations', mk.exit_code === 0 && mk.files.length === 1 && mk.files[0].path === 'migrations/0002_story_views.py' &&
      /migrations\.AddField\(/.test(mk.files[0].text) && /Add field views to story/.test(mk.out), JSON.stringify(mk));
const mg = JSON.parse(call('gramlab_migrate', '', ''));
check('migrate with its SQL', mg.exit_code === 0 && /Applying instagram\.0002_story_views\.\.\. OK/.test(mg.out) &&
      mg.sql.length === 1 && /CREATE TABLE "new__instagram_story" \(.*"views" integer NOT NULL/.test(mg.sql[0].sql), JSON.stringify(mg));
check('sqlmigrate', JSON.parse(call('gramlab_sqlmigrate', 'instagram', '0002_story_views')).out === mg.sql[0].sql);
const views = JSON.parse(call('gramlab_shell', 'from instagram.models import Story\nStory.objects.filter(views=0).count()', ''));
check('the shell sees the migrated model', views[1].output === '5\n', JSON.stringify(views));
check('the migration file is in the workspace', JSON.parse(call('gramlab_workspace')).files['migrations/0002_story_views.py'] === mk.files[0].text);
const schema = JSON.parse(call('gramlab_schema'));
const post = schema.models.find((m) => m.label === 'instagram.Post');
check('schema: models, fields, ddl', schema.error === null && post && post.fields[0].name === 'id' &&
      post.ddl.startsWith('CREATE TABLE "instagram_post"') && post.fields.some((f) => f.name === 'post_author' && f.relation === 'foreign_key'),
      JSON.stringify(post).slice(0, 400));
check('schema: edges with cardinality', schema.edges.some((e) => e.from === 'instagram.Profile' && e.to === 'instagram.User' && e.cardinality === '1:1') &&
      schema.edges.some((e) => e.from === 'instagram.Post' && e.to === 'instagram.User' && e.cardinality === 'N:1'), JSON.stringify(schema.edges));
const removed = JSON.parse(core.ccall('gramlab_set_file', 'string', ['string', 'string'], ['migrations/0002_story_views.py', null]));
check('set_file(path, null) deletes', removed.exit_code === 0 && JSON.parse(call('gramlab_workspace')).files['migrations/0002_story_views.py'] === undefined);

// 7. Bad input is an error object, never a crash.
for (const [name, fn, args] of [
  ['open: not JSON', 'gramlab_open', ['{', '']],
  ['open: files not an object', 'gramlab_open', ['{"files": 3}', '']],
  ['open: bad base64 database', 'gramlab_open', ['{"files": {}, "database": "@@"}', '']],
  ['open: bad options', 'gramlab_open', ['', '{"now": "yesterday"}']],
  ['shell: bad options', 'gramlab_shell', ['1', '{"time_budget_ms": "x"}']],
]) {
  const r = JSON.parse(call(fn, ...args));
  check(name, r.ok === false && typeof r.error.message === 'string', JSON.stringify(r));
}
JSON.parse(call('gramlab_open', '{"files": {"models.py": "class (:"}}', ''));
const broken = JSON.parse(call('gramlab_shell', 'Post.objects.count()', ''));
check('shell on a models.py that does not import', broken.length === 1 && broken[0].error !== null, JSON.stringify(broken));
JSON.parse(call('gramlab_open', '{"files": {}, "database": "AAAA"}', ''));
const garbage = JSON.parse(call('gramlab_shell', '1 + 1', ''));
check('shell on a garbage database', Array.isArray(garbage));
check('deploy sh without a scenario', JSON.parse(call('gramlab_deploy_sh', 'ls'))[0].exit_code === 1);
check('empty input', call('gramlab_deploy_sh', '\n\n') === '[]' && Array.isArray(JSON.parse(call('gramlab_shell', '', ''))));

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
