/**
 * The preload: gives the counter `window.counter`, one function per action, typed against shared's
 * CounterBridge. Nothing else crosses: no ipcRenderer, no channel forwarding, no process.env.
 *
 * It runs sandboxed, where `require` knows only 'electron' and a few Node built-ins, not our files. So this
 * stays one self-contained file: every other import is `import type` (erased at compile time), and the channel
 * names are spelled out here, checked against `Channels` by the compiler.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type {
  BridgeResult, CentralRequest, CentralResponse, ConnectionResult, ConnectionTest, CounterBridge, PrinterSummary, PrintRequest, PrintResult, StationLoad,
  StationSetupInput, TestPageTarget,
} from '../shared/bridge/bridge';
import type { Channels } from './channels';

const STATION: Channels['station'] = 'counter:station';
const SAVE_STATION: Channels['saveStation'] = 'counter:save-station';
const TEST_CONNECTION: Channels['testConnection'] = 'counter:test-connection';
const CENTRAL: Channels['central'] = 'counter:central';
const PRINT: Channels['print'] = 'counter:print';
const PRINTERS: Channels['printers'] = 'counter:printers';
const TEST_PAGE: Channels['testPage'] = 'counter:test-page';
const JOURNAL_MAC: Channels['journalMac'] = 'counter:journal-mac';

/** Main answers with data, never a throw; a rejected invoke (say, no handler yet) is turned into data too. */
function invoke<T>(channel: Channels[keyof Channels], ...args: unknown[]): Promise<BridgeResult<T>> {
  return ipcRenderer.invoke(channel, ...args).then(
    (result: unknown) => result as BridgeResult<T>,
    (error: unknown): BridgeResult<T> => ({ ok: false, error: `${channel}: ${messageOf(error)}` }),
  );
}

/** Not `instanceof Error`: an error may come from another JavaScript context. */
function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

const bridge = {
  station: () => invoke<StationLoad>(STATION),
  saveStation: (config: StationSetupInput) => invoke<StationLoad>(SAVE_STATION, config),
  testConnection: (test: ConnectionTest) => invoke<ConnectionResult>(TEST_CONNECTION, test),
  central: (request: CentralRequest) => invoke<CentralResponse>(CENTRAL, request),
  print: (request: PrintRequest) => invoke<PrintResult>(PRINT, request),
  printers: () => invoke<PrinterSummary[]>(PRINTERS),
  testPage: (target: TestPageTarget) => invoke<PrintResult>(TEST_PAGE, target),
  journalMac: (message: string) => invoke<string>(JOURNAL_MAC, { message }),
} satisfies CounterBridge;

contextBridge.exposeInMainWorld('counter', bridge);
