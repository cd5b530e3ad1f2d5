/**
 * The receipt on screen: the very print data the thermal printer gets, drawn at the paper's width.
 * Text values are HTML that `receiptPrintData` built with every data field escaped.
 */
import type { CSSProperties } from 'react';
import type { PosPrintItem } from '../../../../shared/receipt/print-data';
import type { PaperWidth } from '../../../../shared/station';

const WIDTH: Record<PaperWidth, string> = { '80mm': '302px', '58mm': '219px' };

export function ReceiptView({ items, paperWidth }: { items: PosPrintItem[]; paperWidth: PaperWidth }) {
  return (
    <div className="paper" style={{ width: WIDTH[paperWidth] }} data-paper-width={paperWidth}>
      {items.map((item, i) =>
        item.type === 'text' ? (
          <div key={i} style={item.style as CSSProperties} dangerouslySetInnerHTML={{ __html: item.value }} />
        ) : (
          <div key={i} className="barcode-placeholder">
            {item.value}
          </div>
        ),
      )}
    </div>
  );
}
