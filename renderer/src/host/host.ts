/** What the counter needs from whatever hosts it: the Electron shell or a plain browser. */
import type { PrintRequest, PrintResult } from '../../../shared/bridge/bridge';
import type { StationConfig } from '../../../shared/station';

export type Host = {
  kind: 'electron' | 'browser';
  loadStation(): Promise<StationConfig>;
  print(request: PrintRequest): Promise<PrintResult>;
};
