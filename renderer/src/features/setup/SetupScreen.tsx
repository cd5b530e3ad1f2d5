/**
 * First-run setup: where central is, the station's token and name, the utility profile, the printer and
 * paper width, the drawer kick. The connection is tested before saving; every field is checked by the
 * same schema main uses.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PrinterSummary } from '../../../../shared/bridge/bridge';
import { profiles } from '../../../../shared/profiles';
import { stationConfigSchema } from '../../../../shared/station';
import type { Host } from '../../host/host';

type SetupValues = z.input<typeof stationConfigSchema>;

export function SetupScreen({ host, problem, onSaved }: { host: Host; problem: string | null; onSaved: () => void }) {
  const [printers, setPrinters] = useState<PrinterSummary[]>([]);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { register, handleSubmit, getValues, trigger, formState } = useForm<SetupValues>({
    resolver: zodResolver(stationConfigSchema),
    defaultValues: {
      centralUrl: '',
      token: '',
      stationId: 'station-1',
      stationName: 'Station 1',
      profileId: 'pwb',
      paperWidth: '80mm',
      printerName: '',
      openDrawerOnCash: true,
      kiosk: false,
    },
  });
  useEffect(() => {
    void host.printers().then(setPrinters);
  }, [host]);

  const testConnection = async () => {
    setTest(null);
    if (!(await trigger(['centralUrl', 'token']))) return;
    setTest(await host.testConnection({ centralUrl: getValues('centralUrl'), token: getValues('token') }));
  };

  const save = handleSubmit(async (values) => {
    setSaveError(null);
    const result = await host.testConnection({ centralUrl: values.centralUrl, token: values.token });
    setTest(result);
    if (!result.ok) return;
    const saved = await host.saveStation(values);
    if (!saved.ok) setSaveError(`Save: ${saved.error}`);
    else onSaved();
  });

  const err = formState.errors;
  const field = (name: keyof SetupValues, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`setup-${name}`}>{label}</label>
      {input}
      {err[name]?.message && (
        <p role="alert" className="error" id={`setup-${name}-error`}>
          {`${label}: ${err[name]?.message}`}
        </p>
      )}
    </div>
  );
  return (
    <main className="signin setup">
      <h1>Set up this station</h1>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <form onSubmit={save} noValidate aria-label="Station setup">
        {field('centralUrl', 'Central URL', <input id="setup-centralUrl" autoFocus autoComplete="off" placeholder="https://central.example.org" {...register('centralUrl')} />)}
        {field('token', 'Station token', <input id="setup-token" type="password" autoComplete="off" {...register('token')} />)}
        {field('stationId', 'Station ID', <input id="setup-stationId" autoComplete="off" {...register('stationId')} />)}
        {field('stationName', 'Station name', <input id="setup-stationName" autoComplete="off" {...register('stationName')} />)}
        {field(
          'profileId',
          'Utility',
          <select id="setup-profileId" {...register('profileId')}>
            {Object.values(profiles).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          'printerName',
          'Receipt printer',
          <select id="setup-printerName" {...register('printerName')}>
            <option value="">{printers.length === 0 ? 'None (preview on screen)' : 'Choose…'}</option>
            {printers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.displayName}
              </option>
            ))}
          </select>,
        )}
        {field(
          'paperWidth',
          'Paper width',
          <select id="setup-paperWidth" {...register('paperWidth')}>
            <option value="80mm">80 mm</option>
            <option value="58mm">58 mm</option>
          </select>,
        )}
        <div className="confirm">
          <input id="setup-openDrawerOnCash" type="checkbox" {...register('openDrawerOnCash')} />
          <label htmlFor="setup-openDrawerOnCash">Open the cash drawer after a cash payment</label>
        </div>
        <div className="confirm">
          <input id="setup-kiosk" type="checkbox" {...register('kiosk')} />
          <label htmlFor="setup-kiosk">Full screen, no menu (kiosk)</label>
        </div>
        {test && (
          <p role={test.ok ? undefined : 'alert'} className={test.ok ? 'alert-text ok' : 'error'} aria-live="polite">
            {test.message}
          </p>
        )}
        {saveError && (
          <p role="alert" className="error">
            {saveError}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => void testConnection()}>
            Test connection
          </button>
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            Save and start
          </button>
        </div>
      </form>
    </main>
  );
}
