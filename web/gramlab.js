// The page's JS API, `window.gramlab` (docs/js-api.md): the core runs in a Web Worker
// (gramlab-worker.js over gramlab_core.wasm) and every call is a Promise of the same JSON
// the native CLI prints. Used by index.html, the ImGui playground (through EM_JS) and tests.
// Config read at load: window.gramlabConfig = {base: 'URL of this folder', onProgress(loaded, total),
//   autosave: 'localStorage key' (keep the workspace across reloads; off when absent),
//   workspace: <document to open instead of the default>, options: {now, time_budget_ms}}.
(function () {
  'use strict';
  const config = window.gramlabConfig || {};
  const base = config.base || new URL('.', document.currentScript ? document.currentScript.src : location.href).href;

  let worker = null;
  let wasmBinary = null;   // kept to restart the worker after Stop without downloading again
  let snapshot = null;     // the workspace before the running shell statement (Stop restores it)
  // Stop's flag, shared with the worker: the running statement polls it and ends itself,
  // keeping the session. Needs a cross-origin isolated page (COOP + COEP headers); without
  // it Stop ends the worker instead.
  const stopFlag = (typeof SharedArrayBuffer === 'function' && self.crossOriginIsolated)
    ? new Int32Array(new SharedArrayBuffer(4)) : null;
  let nextId = 1;
  let current = null;      // {id, msg, resolve, reject}
  const queue = [];
  const listeners = {};

  function emit(event, detail) {
    for (const fn of listeners[event] || []) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
  }

  function apiError(error) {
    const e = new Error(`${error.type}: ${error.message}`);
    e.type = error.type;
    e.detail = error;
    return e;
  }

  // Downloads a file with progress (for the loading screen).
  async function fetchWithProgress(url, onChunk) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const total = Number(res.headers.get('Content-Length')) || 0;
    if (!res.body || !res.body.getReader) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onChunk(loaded, total);
    }
    const out = new Uint8Array(loaded);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.length; }
    return out;
  }

  function pump() {
    if (current || !worker || queue.length === 0) return;
    current = queue.shift();
    emit('busy', true);
    worker.postMessage(current.msg);
  }

  // ---------------------------------------------------------------- autosave and share links
  // config.autosave (a localStorage key) keeps the workspace document in the browser: written
  // a second after any request that can change it, opened at start instead of the default, so
  // a reload or a crashed tab finds models, migrations, database and history again. A share
  // link carries the document in the URL fragment (#workspace=, deflate + base64url): nothing
  // is uploaded anywhere.
  const autosaveKey = config.autosave || null;
  const CHANGING_OPS = new Set(['shell', 'open', 'set_file', 'makemigrations', 'migrate']);
  let saveTimer = null;

  async function saveNow() {
    if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
    if (!autosaveKey) return false;
    const doc = await request({ op: 'workspace' });
    try {
      localStorage.setItem(autosaveKey, JSON.stringify(doc));
      return true;
    } catch (e) {
      console.warn('gramlab: autosave failed (' + e.message + ')');
      return false;
    }
  }
  function scheduleSave() {
    if (!autosaveKey) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => { saveNow().catch(() => {}); }, 1000);
  }

  function toBase64Url(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(text) {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  async function pipe(bytes, stream) {
    return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
  }
  async function encodeShare(doc) {
    const json = new TextEncoder().encode(JSON.stringify(doc));
    if (typeof CompressionStream === 'function') return 'z' + toBase64Url(await pipe(json, new CompressionStream('deflate')));
    return 'j' + toBase64Url(json);
  }
  async function decodeShare(text) {
    const bytes = fromBase64Url(text.slice(1));
    const json = text[0] === 'z' ? await pipe(bytes, new DecompressionStream('deflate')) : bytes;
    return new TextDecoder().decode(json);
  }
  // The document to open at start: a share link's, else the autosaved one, else null (default).
  async function initialWorkspace() {
    const m = /[#&]workspace=([^&]+)/.exec(location.hash);
    if (m) {
      try {
        const doc = await decodeShare(m[1]);
        history.replaceState(null, '', location.pathname + location.search);
        return doc;
      } catch (e) {
        console.warn('gramlab: the share link is damaged (' + e.message + '); opening the saved workspace');
      }
    }
    if (autosaveKey) {
      try { return localStorage.getItem(autosaveKey); } catch (e) { /* storage disabled */ }
    }
    return null;
  }

  function onMessage(ev) {
    const m = ev.data;
    if (m.snapshot !== undefined) { snapshot = m.snapshot; return; }
    if (!current || m.id !== current.id) return;
    const req = current;
    current = null;
    if (m.ok) req.resolve(m.result); else req.reject(apiError(m.error));
    if (m.ok && CHANGING_OPS.has(req.msg.op)) scheduleSave();
    if (m.crashed) restart(snapshot);
    if (!current && queue.length === 0) emit('busy', false);
    pump();
  }

  function request(msg, front = false) {
    return new Promise((resolve, reject) => {
      const req = { id: nextId++, resolve, reject };
      req.msg = Object.assign({ id: req.id }, msg);
      if (front) queue.unshift(req); else queue.push(req);
      pump();
    });
  }

  // A new worker on `workspace` (a document, or null for the default one).
  function startWorker(workspace, options) {
    worker = new Worker(new URL('gramlab-worker.js', base));
    worker.onmessage = onMessage;
    worker.onerror = (e) => console.error('gramlab worker:', e.message);
    return request({ op: 'init', wasmBinary: wasmBinary ? wasmBinary.slice(0) : undefined, workspace, options,
                     stopFlag: stopFlag || undefined }, true);
  }

  function restart(workspace) {
    if (worker) worker.terminate();
    worker = null;
    return startWorker(workspace, null);
  }

  const gramlab = {
    version: '0.1.0',
    ready: null,
    /** Runs shell statements → Promise of the `gramlab shell --json` objects. */
    shell(text, options) {
      return request({ op: 'shell', text: String(text), options: options || undefined, snapshot: true });
    },
    /** Opens a workspace document (object or JSON text) → Promise of {ok, log}. */
    loadWorkspace(doc, options) {
      return request({ op: 'open', workspace: typeof doc === 'string' ? doc : JSON.stringify(doc), options });
    },
    /** The open workspace as a document (database base64) → Promise of an object. */
    workspace() { return request({ op: 'workspace' }); },
    /** Replaces a file of the app folder ('models.py'; text null deletes it), re-imports the
     *  models and starts a fresh shell session (the database stays) → Promise of check(). */
    setFile(path, text) {
      return request({ op: 'set_file', path: String(path), text: text == null ? null : String(text) });
    },
    /** `manage.py check` → Promise of {exit_code, out, err, messages: [{level, id, message, hint, obj, file, line, column}]}. */
    check() { return request({ op: 'check' }); },
    /** `manage.py makemigrations [--name]` → Promise of {exit_code, out, err, files: [{path, text}]}. */
    makemigrations(name) { return request({ op: 'makemigrations', name: name ? String(name) : '' }); },
    /** `manage.py migrate [app [target]]` → Promise of {exit_code, out, err, sql: [{migration, sql}]}. */
    migrate(app, target) { return request({ op: 'migrate', app: app ? String(app) : '', target: target ? String(target) : '' }); },
    /** `manage.py sqlmigrate app name` → Promise of {exit_code, out, err}. */
    sqlmigrate(app, name) { return request({ op: 'sqlmigrate', app: String(app), name: String(name) }); },
    /** The model registry for the ER diagram → Promise of {app_label, models, edges, error}. */
    schema() { return request({ op: 'schema' }); },
    /** EXPLAIN QUERY PLAN of one query (its params bound, the query not run), in plain words
     *  → Promise of {plan: [{id, parent, depth, detail, explanation, full_scan}], suggestions, error}. */
    explain(sql, params) {
      return request({ op: 'explain', sql: String(sql),
                       params: typeof params === 'string' ? params : JSON.stringify(params || []) });
    },
    deploy: {
      /** Runs deploy-terminal lines → Promise of the `gramlab deploy sh --json` objects. */
      sh(text) { return request({ op: 'deploy_sh', text: String(text) }); },
      /** The deploy pipeline (recorded on first use), moved by `move`: '' (stay), 'forward',
       *  'back', 'reset', 'end', 'failure', or a step number → Promise of {steps, summary, all_faults}. */
      pipeline(move) {
        if (typeof move === 'number') return request({ op: 'deploy_pipeline', move: 'goto', position: move });
        return request({ op: 'deploy_pipeline', move: move ? String(move) : '' });
      },
      /** Turns a fault on/off and records the pipeline again → Promise of pipeline(). */
      setFault(name, on) { return request({ op: 'deploy_fault', name: String(name), on: !!on }); },
      /** Sends a request to the EC2 host's port 80 in the world at the pipeline's position
       *  (a what-if: the timeline does not change) → Promise of {request, connected, curl_error,
       *  status, reason, headers, body, trace}. */
      request(path, options) {
        const o = options || {};
        return request({ op: 'deploy_request', path: String(path), method: o.method || 'GET', body: o.body || '' });
      },
    },
    /** Ends the running statement now: the database is as it was before it. On a cross-origin
     *  isolated page the statement ends itself and the session's variables are kept; otherwise
     *  the worker is ended and restarted (variables lost, imports rerun). → Promise of true if
     *  something was running. */
    async stop() {
      if (!current) return false;
      if (stopFlag && current.msg.op === 'shell') {
        const req = current;
        const settled = new Promise((resolve) => {
          const { resolve: ok, reject: fail } = req;
          req.resolve = (v) => { ok(v); resolve(true); };
          req.reject = (e) => { fail(e); resolve(true); };
        });
        Atomics.store(stopFlag, 0, 1);
        // The core polls every few milliseconds; a statement stuck elsewhere gets the fallback.
        const ended = await Promise.race([settled, new Promise((r) => setTimeout(() => r(false), 1000))]);
        if (ended) return true;
        if (current !== req) return true;
      }
      const req = current;
      current = null;
      const statement = req.msg.op === 'shell' ? req.msg.text : '';
      const restored = restart(req.msg.op === 'shell' ? snapshot : null);
      // The new worker has the database but not the session's names: bring back the imports.
      let imports = [];
      try { imports = (JSON.parse(snapshot || '{}').history || []).filter((h) => /^(from\s+\S+\s+)?import\s[^\n]*$/.test(h)); } catch (e) { /* none */ }
      if (imports.length) request({ op: 'shell', text: imports.join('\n') + '\n' }, true).catch(() => {});
      if (req.msg.op === 'shell') {
        req.resolve([{ statement, output: null, error: { type: 'KeyboardInterrupt', message: '' }, queries: [] }]);
      } else {
        req.reject(apiError({ type: 'KeyboardInterrupt', message: 'stopped' }));
      }
      await restored;
      return true;
    },
    /** Opens the example workspace again (the autosave is replaced at the next save) → Promise of {ok, log}. */
    resetWorkspace() { return request({ op: 'open', workspace: null }); },
    /** Downloads the workspace as gramlab-workspace.json → Promise of the file name. */
    async exportFile() {
      const doc = await request({ op: 'workspace' });
      const blob = new Blob([JSON.stringify(doc, null, 1)], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'gramlab-workspace.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      return a.download;
    },
    /** Asks for a workspace file (a file picker) and opens it → Promise of {ok, log}, or null
     *  when no file was chosen. `file` (a File or Blob) skips the picker. */
    async importFile(file) {
      if (!file) {
        file = await new Promise((resolve) => {
          const input = document.createElement('input');
          input.type = 'file';
          input.accept = '.json,application/json';
          input.addEventListener('change', () => resolve(input.files && input.files[0] || null));
          input.addEventListener('cancel', () => resolve(null));
          input.click();
        });
      }
      if (!file) return null;
      return request({ op: 'open', workspace: await file.text() });
    },
    /** Writes the autosave now (config.autosave) → Promise of true when saved. */
    flushAutosave() { return saveNow(); },
    /** Forgets the autosaved workspace (the next load opens the default one). */
    clearAutosave() {
      if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
      if (autosaveKey) try { localStorage.removeItem(autosaveKey); } catch (e) { /* none */ }
    },
    /** A link to this page that opens the current workspace → Promise of the URL. */
    async shareLink() {
      const doc = await request({ op: 'workspace' });
      return location.href.replace(/#.*$/, '') + '#workspace=' + await encodeShare(doc);
    },
    /** True while a request runs. */
    get busy() { return current !== null; },
    /** Events: 'busy' (boolean), 'progress' ({loaded, total}). */
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); },
  };

  gramlab.ready = (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('This browser cannot run WebAssembly.');
    wasmBinary = await fetchWithProgress(new URL('gramlab_core.wasm', base), (loaded, total) => {
      if (config.onProgress) config.onProgress(loaded, total);
      emit('progress', { loaded, total });
    });
    const initial = config.workspace || await initialWorkspace();
    try {
      return await startWorker(initial, config.options || null);
    } catch (e) {
      if (config.workspace || !initial) throw e;
      // A saved document the core refuses (damaged storage): start on the default one.
      console.warn('gramlab: the saved workspace could not be opened (' + e.message + '); opening the default');
      return await restart(null);
    }
  })();
  gramlab.ready.catch((e) => console.error('gramlab: ' + e.message));
  window.gramlab = gramlab;
})();
