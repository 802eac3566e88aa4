// Loads the core's WASM module (gramlab_core.js, createGramlabCore) under node and checks its
// exports against the native CLI: shell statements must give exactly the lines
// `gramlab shell --json --now ...` prints (tests/wasm/expected/, made by
// scripts/update_wasm_golden.sh; query times aside), deploy commands those of
// `gramlab deploy sh --json`; plus workspace round trip, time budget and bad input.
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

// 6. Bad input is an error object, never a crash.
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
