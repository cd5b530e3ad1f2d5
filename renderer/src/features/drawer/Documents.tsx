/** The Z report and the deposit summary: on screen as the printer lays them out, and printed on the thermal printer. */
import { reasonClause } from '../../../../shared/bridge/bridge';
import { useEffect, useRef, useState } from 'react';
import type { Closeout } from '../../../../shared/drawer/closeout';
import type { Deposit } from '../../../../shared/drawer/deposit';
import { depositPrintData, zReportPrintData } from '../../../../shared/drawer/report';
import type { PosPrintItem } from '../../../../shared/receipt/print-data';
import type { Station } from '../../app/App';
import { ReceiptView } from '../receipt/ReceiptView';

function PrintedDocument({ station, title, items, printOnShow, onClose }: { station: Station; title: string; items: PosPrintItem[]; printOnShow: boolean; onClose: () => void }) {
  const [note, setNote] = useState<string | null>(null);
  const printed = useRef(false);
  const print = async () => {
    const r = await station.host.print({ items, paperWidth: station.config.paperWidth, openDrawer: false, copies: 1 });
    setNote(r.ok ? `${title} sent to the printer` : `${title} not printed: ${reasonClause(r.reason)}. It is recorded; print it again.`);
  };
  useEffect(() => {
    if (printOnShow && !printed.current) {
      printed.current = true;
      void print();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [printOnShow]);
  return (
    <section aria-label={title} className="document-view">
      <ReceiptView paperWidth={station.config.paperWidth} items={items} label={`${title} as printed`} />
      <div>
        <h3>{title}</h3>
        {note && (
          <p role={note.includes('not printed') ? 'alert' : 'status'} className={note.includes('not printed') ? 'error' : 'muted'}>
            {note}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => void print()}>
            Print {title === 'Z report' ? title : title.toLowerCase()}
          </button>
          <button type="button" onClick={onClose}>
            Done <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </div>
    </section>
  );
}

export function ZReportView({ station, closeout, printOnShow, onClose }: { station: Station; closeout: Closeout; printOnShow: boolean; onClose: () => void }) {
  const items = zReportPrintData({ profile: station.profile, stationName: station.config.stationName, paperWidth: station.config.paperWidth, closeout });
  return <PrintedDocument station={station} title="Z report" items={items} printOnShow={printOnShow} onClose={onClose} />;
}

export function DepositView({ station, deposit, printOnShow, onClose }: { station: Station; deposit: Deposit; printOnShow: boolean; onClose: () => void }) {
  const items = depositPrintData({ profile: station.profile, stationName: station.config.stationName, paperWidth: station.config.paperWidth, deposit });
  return <PrintedDocument station={station} title="Deposit summary" items={items} printOnShow={printOnShow} onClose={onClose} />;
}
