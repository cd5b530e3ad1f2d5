/**
 * The IPC channel names, in one place. Main imports the values; the preload may import only the type
 * (a sandboxed preload cannot require local files), so it spells each name out against `Channels`.
 */
export const CHANNELS = {
  station: 'counter:station',
  saveStation: 'counter:save-station',
  testConnection: 'counter:test-connection',
  central: 'counter:central',
  print: 'counter:print',
  printers: 'counter:printers',
  testPage: 'counter:test-page',
  journalMac: 'counter:journal-mac',
} as const;

export type Channels = typeof CHANNELS;
