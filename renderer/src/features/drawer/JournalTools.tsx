/** Verify journal (names the first broken entry) and export the day's journal as JSON lines. */
import { useState } from 'react';
import { businessDay, withBounds } from '../../../../shared/time/business-day';
import { toJsonLines } from '../../../../shared/drawer/journal-export';
import { journalOfDay } from '../../db/drawer';
import { verifyJournal } from '../../db/journal';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';

export function JournalTools({ station }: { station: Station }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const verify = async () => {
    const r = await verifyJournal(counterDb());
    setResult(r.ok ? { ok: true, text: `Journal verified: ${r.count} entries, the chain is intact` } : { ok: false, text: `Journal broken at entry ${r.at}: ${r.problem}` });
  };
  const exportDay = async () => {
    const tz = station.profile.center.timeZone;
    // The center's day at the moment of the click, not the PC's.
    const day = businessDay(new Date(), tz);
    const entries = await journalOfDay(counterDb(), withBounds(day, tz));
    const blob = new Blob([toJsonLines(entries as unknown as Array<Record<string, unknown>>)], { type: 'application/x-ndjson' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `journal-${station.config.stationId}-${day}.jsonl`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setResult({ ok: true, text: `Exported ${entries.length} entries of ${day} as ${a.download}` });
  };
  return (
    <section aria-label="Journal">
      <h3>Journal</h3>
      <div className="row">
        <button type="button" onClick={() => void verify()}>
          Verify journal
        </button>
        <button type="button" onClick={() => void exportDay()}>
          Export today's journal
        </button>
      </div>
      {result &&
        (result.ok ? (
          <p role="status" className="alert-text ok">
            ✓ {result.text}
          </p>
        ) : (
          <p role="alert" className="alert-text stop">
            ▲ {result.text}
          </p>
        ))}
    </section>
  );
}
