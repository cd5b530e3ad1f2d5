/**
 * The setup screen's printer test: the test page goes to the printer and paper the form shows now, saved or
 * not, and its preview is drawn from the same print data (the browser host has no printer: the preview is
 * the test). The result names the field to fix when the printer refused.
 */
import { useState } from 'react';
import type { PrintResult, TestPageTarget } from '../../../../shared/bridge/bridge';
import type { PosPrintItem } from '../../../../shared/receipt/print-data';
import { testPagePrintData } from '../../../../shared/receipt/test-page';
import type { PaperWidth } from '../../../../shared/station';
import type { Host } from '../../host/host';
import { ReceiptView } from '../receipt/ReceiptView';

export type TestPageState = {
  printerName: string;
  paperWidth: PaperWidth;
  items: PosPrintItem[];
  /** null while the host prints. */
  result: PrintResult | null;
};

export function useTestPage(host: Host) {
  const [state, setState] = useState<TestPageState | null>(null);
  const print = async (target: Required<TestPageTarget>) => {
    const items = testPagePrintData({
      ...target,
      // What the page says when no printer is chosen: the browser shows it on screen only.
      printerName: target.printerName === '' ? 'none (on screen)' : target.printerName,
      printedAt: new Date().toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const shown = { printerName: target.printerName, paperWidth: target.paperWidth, items };
    setState({ ...shown, result: null });
    const result = await host.testPage(target);
    setState({ ...shown, result });
  };
  return { state, print, busy: state !== null && state.result === null };
}

/** "Sent" or the refusal, for beside the form's other results. */
export function TestPageOutcome({ state, hostKind }: { state: TestPageState | null; hostKind: Host['kind'] }) {
  if (!state) return null;
  if (state.result === null) {
    return (
      <p className="muted" aria-live="polite">
        Printing the test page…
      </p>
    );
  }
  if (!state.result.ok) {
    return (
      <p role="alert" className="error">
        {state.result.reason}
      </p>
    );
  }
  return (
    <p className="alert-text ok" aria-live="polite">
      {hostKind === 'browser' || state.printerName === ''
        ? 'Test page shown on screen (no receipt printer here): the ruler must fit on one line.'
        : `Test page sent to ${state.printerName}: check that its ruler printed on one line, not cut.`}
    </p>
  );
}

export function TestPagePreview({ state }: { state: TestPageState | null }) {
  if (!state) return null;
  return (
    <section className="test-page" aria-labelledby="test-page-heading">
      <h2 id="test-page-heading">Test page</h2>
      <ReceiptView items={state.items} paperWidth={state.paperWidth} label={`Test page preview, ${state.paperWidth}`} />
    </section>
  );
}
