/** What the counter needs from whatever hosts it: the Electron shell or a plain browser. */
import type { CentralRequest, CentralResponse, ConnectionResult, ConnectionTest, PrintRequest, PrintResult, PrinterSummary } from '../../../shared/bridge/bridge';
import type { StationConfigInput, StationView } from '../../../shared/station';

/** Sends one request to central with the station's token; throws `CentralUnreachable` when the network fails. */
export type CentralTransport = (request: CentralRequest) => Promise<CentralResponse>;

export type Host = {
  kind: 'electron' | 'browser';
  /** The station's settings; `station: null` (with the problem, if any) when setup must run first. */
  loadStation(): Promise<{ station: StationView | null; problem: string | null }>;
  saveStation(config: StationConfigInput): Promise<{ ok: true } | { ok: false; error: string }>;
  testConnection(test: ConnectionTest): Promise<ConnectionResult>;
  central: CentralTransport;
  print(request: PrintRequest): Promise<PrintResult>;
  printers(): Promise<PrinterSummary[]>;
};
