/** What the counter needs from whatever hosts it: the Electron shell or a plain browser. */
import type {
  CentralRequest, CentralResponse, ConnectionResult, ConnectionTest, PrintRequest, PrintResult, PrinterSummary, StationSetupInput, TestPageTarget,
} from '../../../shared/bridge/bridge';
import type { StationView } from '../../../shared/station';

/** Sends one request to central with the station's token; throws `CentralUnreachable` when the network fails. */
export type CentralTransport = (request: CentralRequest) => Promise<CentralResponse>;

export type Host = {
  kind: 'electron' | 'browser';
  /** The station's settings; `station: null` (with the problem, if any) when setup must run first. */
  /** The station, and how its token is kept at rest where the host knows (Electron: sealed or plain). */
  loadStation(): Promise<{ station: StationView | null; problem: string | null; tokenAtRest?: 'sealed' | 'plain' | 'none' }>;
  /** An empty token keeps the saved one (settings after first run); with none saved it is refused by name. */
  saveStation(config: StationSetupInput): Promise<{ ok: true } | { ok: false; error: string }>;
  /** An empty token tests the saved one. */
  testConnection(test: ConnectionTest): Promise<ConnectionResult>;
  central: CentralTransport;
  print(request: PrintRequest): Promise<PrintResult>;
  printers(): Promise<PrinterSummary[]>;
  /** A test page to the printer and paper the setup form shows, saved or not; the screen shows its preview either way. */
  testPage(target: TestPageTarget): Promise<PrintResult>;
  /**
   * HMAC-SHA-256 (hex) of a journal message under the station's key, which the page cannot read: main's key
   * file under Electron, a non-extractable WebCrypto key in IndexedDB in the browser. Throws when it cannot sign.
   */
  journalMac(message: string): Promise<string>;
};
