// The preload, compiled as tsc compiles it and run the way a sandboxed preload runs: with a `require` that
// knows only 'electron'. That proves it is self-contained, and shows exactly what it exposes.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import type { CounterBridge, PrintRequest } from '../../../shared/bridge/bridge';
import { CHANNELS } from '../../../electron/channels';

const source = readFileSync(new URL('../../../electron/preload.ts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
}).outputText;

function runPreload(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const exposeInMainWorld = vi.fn((key: string, api: unknown) => {
    exposed[key] = api;
  });
  const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } };
  const envRead = vi.fn();
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  // Any read of process.env in the preload would show here.
  const preloadProcess = { get env() { envRead(); return {}; } };
  // Electron's own wrapper for sandboxed preloads (lib/sandboxed_renderer/init.ts), in an empty context.
  const wrapped = vm.runInNewContext(
    `(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${compiled}\n})`,
    {},
    { filename: 'preload.js' },
  ) as (...args: unknown[]) => void;
  const exports = {};
  wrapped(sandboxRequire, preloadProcess, undefined, {}, undefined, undefined, exports, { exports });
  return { exposed, required, exposeInMainWorld, envRead };
}

describe('the preload', () => {
  it("requires nothing but 'electron' and never reads process.env", () => {
    const run = runPreload(() => Promise.resolve(null));
    expect(run.required).toEqual(['electron']);
    expect(run.envRead).not.toHaveBeenCalled();
  });

  it('exposes window.counter with one function per action, and nothing else', () => {
    const run = runPreload(() => Promise.resolve(null));
    expect(run.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(run.exposed)).toEqual(['counter']);
    const bridge = run.exposed.counter as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['central', 'journalMac', 'print', 'printers', 'saveStation', 'station', 'testConnection', 'testPage']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it("invokes main's channel for each action and passes its answer through", async () => {
    const invoke = vi.fn((channel: string) => Promise.resolve({ ok: true, value: `answer from ${channel}` }));
    const bridge = runPreload(invoke).exposed.counter as CounterBridge;
    const request: PrintRequest = { items: [{ type: 'text', value: 'Receipt' }], paperWidth: '58mm', openDrawer: true };

    expect(await bridge.station()).toEqual({ ok: true, value: `answer from ${CHANNELS.station}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.station);
    expect(await bridge.print(request)).toEqual({ ok: true, value: `answer from ${CHANNELS.print}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.print, request);
    expect(await bridge.printers()).toEqual({ ok: true, value: `answer from ${CHANNELS.printers}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.printers);
    const target = { printerName: 'EPSON_TM_T20III', paperWidth: '58mm', stationName: 'Window 3' } as const;
    expect(await bridge.testPage(target)).toEqual({ ok: true, value: `answer from ${CHANNELS.testPage}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.testPage, target);
    expect(await bridge.journalMac('1|000|{}')).toEqual({ ok: true, value: `answer from ${CHANNELS.journalMac}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.journalMac, { message: '1|000|{}' });

    const settings = { stationId: 'wic-1', stationName: 'Window 1', centralUrl: 'https://central.example.org', token: 'station-token', profileId: 'pwb' };
    expect(await bridge.saveStation(settings)).toEqual({ ok: true, value: `answer from ${CHANNELS.saveStation}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.saveStation, settings);
    // Station settings keep the saved token with an empty one: passed on as it is, for main to fill in.
    await bridge.saveStation({ ...settings, token: '' });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.saveStation, { ...settings, token: '' });
    const test = { centralUrl: 'https://central.example.org', token: 'station-token' };
    expect(await bridge.testConnection(test)).toEqual({ ok: true, value: `answer from ${CHANNELS.testConnection}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.testConnection, test);
    const call = { method: 'POST', path: '/v1/payments', body: { payments: [] } } as const;
    expect(await bridge.central(call)).toEqual({ ok: true, value: `answer from ${CHANNELS.central}` });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.central, call);
    // Every channel main registers is reached by exactly one bridge function.
    expect(new Set(invoke.mock.calls.map((c) => c[0]))).toEqual(new Set(Object.values(CHANNELS)));
  });

  it('turns a rejected invoke into ok:false rather than a throw', async () => {
    const bridge = runPreload(() => Promise.reject(new Error("No handler registered for 'counter:station'"))).exposed.counter as CounterBridge;
    expect(await bridge.station()).toEqual({ ok: false, error: "counter:station: No handler registered for 'counter:station'" });
  });
});
