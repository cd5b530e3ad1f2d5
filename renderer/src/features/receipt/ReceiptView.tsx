/**
 * The receipt on screen: the very print data the thermal printer gets, drawn at the paper's width.
 * Text values are HTML that `receiptPrintData` built with every data field escaped.
 */
import type { CSSProperties } from 'react';
import type { PosPrintItem } from '../../../../shared/receipt/print-data';
import type { PaperWidth } from '../../../../shared/station';
import { PAPER } from '../../../../shared/receipt/layout';

export function ReceiptView({ items, paperWidth, label }: { items: PosPrintItem[]; paperWidth: PaperWidth; label?: string }) {
  // Content-box at the printer's page width, so the preview wraps exactly where the paper does.
  return (
    <div className="paper" role="document" aria-label={label} style={{ width: `${PAPER[paperWidth].pagePx}px`, boxSizing: 'content-box' }} data-paper-width={paperWidth}>
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
