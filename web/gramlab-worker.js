// The Web Worker that runs gramlab's core (gramlab_core.js, createGramlabCore) off the UI
// thread, so the playground keeps drawing frames while a statement runs. web/gramlab.js is
// its only client. Protocol (one request at a time, answered in order):
//   in:  {id, op: 'init', wasmBinary?, workspace?, options?, stopFlag?: Int32Array over a SharedArrayBuffer} | {id, op: 'shell', text, options?}
//        | {id, op: 'deploy_sh', text} | {id, op: 'workspace'} | {id, op: 'open', workspace, options?}
//        | {id, op: 'set_file', path, text|null} | {id, op: 'check'} | {id, op: 'makemigrations', name?}
//        | {id, op: 'migrate', app?, target?} | {id, op: 'sqlmigrate', app, name} | {id, op: 'schema'}
//        | {id, op: 'deploy_pipeline', move?, position?} | {id, op: 'deploy_fault', name, on}
//        | {id, op: 'deploy_request', method?, path, body?} | {id, op: 'explain', sql, params}
//   out: {id, ok: true, result} | {id, ok: false, error: {type, message}}
//        and, before a shell statement runs, {snapshot} (the workspace before it, for Stop).
/* global importScripts, createGramlabCore */
'use strict';
importScripts('gramlab_core.js');

let core = null;
const call = (name, ...args) => core.ccall(name, 'string', args.map(() => 'string'), args);
const parse = (text) => JSON.parse(text);

function openWorkspace(workspace, options) {
  const ws = workspace == null ? '' : (typeof workspace === 'string' ? workspace : JSON.stringify(workspace));
  return parse(call('gramlab_open', ws, options ? JSON.stringify(options) : ''));
}

// The deploy calls answer {error: text} when the workspace has no scenario or a name is wrong.
function deployAnswer(text) {
  const v = parse(text);
  if (v && typeof v.error === 'string') return { ok: false, error: { type: 'ValueError', message: v.error } };
  return v;
}

// A result that is {ok: false, error} from the core becomes an error answer.
function answer(id, value) {
  if (value && !Array.isArray(value) && value.ok === false && value.error) {
    postMessage({ id, ok: false, error: value.error });
  } else {
    postMessage({ id, ok: true, result: value });
  }
}

onmessage = async (ev) => {
  const msg = ev.data;
  try {
    switch (msg.op) {
      case 'init': {
        const args = {};
        if (msg.wasmBinary) args.wasmBinary = msg.wasmBinary;
        // Stop's shared flag (web/gramlab.js), read by the core between steps.
        globalThis.gramlabStopFlag = msg.stopFlag || null;
        core = await createGramlabCore(args);
        answer(msg.id, openWorkspace(msg.workspace, msg.options));
        break;
      }
      case 'open':
        answer(msg.id, openWorkspace(msg.workspace, msg.options));
        break;
      case 'shell':
        if (globalThis.gramlabStopFlag) Atomics.store(globalThis.gramlabStopFlag, 0, 0);
        if (msg.snapshot) postMessage({ snapshot: call('gramlab_workspace') });
        answer(msg.id, parse(call('gramlab_shell', msg.text, msg.options ? JSON.stringify(msg.options) : '')));
        break;
      case 'deploy_sh':
        answer(msg.id, parse(call('gramlab_deploy_sh', msg.text)));
        break;
      case 'deploy_pipeline':
        answer(msg.id, deployAnswer(call('gramlab_deploy_pipeline', msg.move || '', String(msg.position || 0))));
        break;
      case 'deploy_fault':
        answer(msg.id, deployAnswer(call('gramlab_deploy_fault', String(msg.name), msg.on ? '1' : '0')));
        break;
      case 'deploy_request':
        answer(msg.id, deployAnswer(call('gramlab_deploy_request', msg.method || 'GET', String(msg.path), msg.body || '')));
        break;
      case 'explain':
        answer(msg.id, parse(call('gramlab_explain', String(msg.sql), String(msg.params))));
        break;
      case 'workspace':
        answer(msg.id, parse(call('gramlab_workspace')));
        break;
      case 'set_file':
        answer(msg.id, parse(core.ccall('gramlab_set_file', 'string', ['string', 'string'],
                                        [msg.path, msg.text == null ? null : msg.text])));
        break;
      case 'check':
        answer(msg.id, parse(call('gramlab_check')));
        break;
      case 'makemigrations':
        answer(msg.id, parse(call('gramlab_makemigrations', msg.name || '')));
        break;
      case 'migrate':
        answer(msg.id, parse(call('gramlab_migrate', msg.app || '', msg.target || '')));
        break;
      case 'sqlmigrate':
        answer(msg.id, parse(call('gramlab_sqlmigrate', msg.app, msg.name)));
        break;
      case 'schema':
        answer(msg.id, parse(call('gramlab_schema')));
        break;
      default:
        postMessage({ id: msg.id, ok: false, error: { type: 'ValueError', message: `unknown op '${msg.op}'` } });
    }
  } catch (e) {
    // A trap inside the module (a bug): report it; gramlab.js restarts the worker.
    postMessage({ id: msg.id, ok: false, crashed: true, error: { type: 'RuntimeError', message: String(e && e.message || e) } });
  }
};
