/**
 * Counting by denomination: one labelled field per bill, coin roll and loose coin, each refusal under its
 * field. The running figure is the count's own value (what the counter counted), never what is expected.
 */
import { DENOMINATIONS, judgeCount } from '../../../../shared/drawer/denominations';
import { formatMoney } from '../../../../shared/money/money';
import './drawer.css';

import type { Errors } from '../../ui/fields';

const GROUPS = [
  { group: 'bill', legend: 'Bills' },
  { group: 'roll', legend: 'Coin rolls' },
  { group: 'coin', legend: 'Loose coin' },
] as const;

export function CountFields({
  idPrefix,
  values,
  onChange,
  errors,
  totalLabel,
}: {
  idPrefix: string;
  values: Readonly<Record<string, string>>;
  onChange: (id: string, value: string) => void;
  errors: Errors;
  totalLabel: string;
}) {
  const judged = judgeCount(values);
  return (
    <div>
      <div className="count-grid">
        {GROUPS.map(({ group, legend }) => (
          <fieldset key={group}>
            <legend>{legend}</legend>
            {DENOMINATIONS.filter((d) => d.group === group).map((d) => {
              const id = `${idPrefix}-${d.id}`;
              const error = errors[d.id];
              return (
                <div key={d.id} className="count-row">
                  <label htmlFor={id}>{d.label}</label>
                  <input
                    id={id}
                    inputMode="numeric"
                    autoComplete="off"
                    value={values[d.id] ?? ''}
                    onChange={(e) => onChange(d.id, e.target.value)}
                    aria-invalid={!!error}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <p id={`${id}-error`} role="alert" className="error">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      <p className="count-total" aria-live="polite">
        {totalLabel}: {judged.ok ? formatMoney(judged.total) : 'check the fields marked above'}
      </p>
    </div>
  );
}
