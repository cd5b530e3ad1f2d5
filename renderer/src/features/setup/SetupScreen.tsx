/**
 * First-run setup: where central is, the station's token and name, the utility profile, the printer and
 * paper width, the drawer kick. The connection is tested before saving, and a test page can be printed to
 * the chosen printer before it is saved; every field is checked by the same schema main uses.
 *
 * With `settings` it is the station settings screen after first run (a supervisor opened it): the fields
 * start from the current station, and the token, which the renderer never sees, may be left empty to keep it.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { stationSetupSchema, type PrinterSummary, type StationSetupInput } from '../../../../shared/bridge/bridge';
import { profiles } from '../../../../shared/profiles';
import { stationConfigSchema, type StationView } from '../../../../shared/station';
import type { Host } from '../../host/host';
import { TestPageOutcome, TestPagePreview, useTestPage } from './TestPage';

type SetupValues = StationSetupInput;
type SetupOutput = z.output<typeof stationSetupSchema>;

export type SettingsMode = {
  /** The station as it is now (without its token). */
  station: StationView;
  /** The supervisor who opened the settings. */
  approvedBy: string;
  onCancel: () => void;
};

const FIRST_RUN: SetupValues = {
  centralUrl: '',
  token: '',
  stationId: 'station-1',
  stationName: 'Station 1',
  profileId: 'pwb',
  paperWidth: '80mm',
  printerName: '',
  openDrawerOnCash: true,
  kiosk: false,
  plainTokenAccepted: false,
};

export function SetupScreen({ host, problem, onSaved, settings }: { host: Host; problem: string | null; onSaved: () => void; settings?: SettingsMode }) {
  const [printers, setPrinters] = useState<PrinterSummary[]>([]);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const testPage = useTestPage(host);
  // First run requires the token; settings may leave it empty to keep the saved one.
  const schema: z.ZodType<SetupOutput, SetupValues> = settings ? stationSetupSchema : stationConfigSchema;
  const { register, handleSubmit, getValues, trigger, formState } = useForm<SetupValues, unknown, SetupOutput>({
    resolver: zodResolver(schema),
    defaultValues: settings ? { ...settings.station, token: '' } : FIRST_RUN,
  });
  useEffect(() => {
    void host.printers().then(setPrinters);
  }, [host]);

  const testConnection = async () => {
    setTest(null);
    if (!(await trigger(['centralUrl', 'token', 'stationId', 'profileId']))) return;
    const [centralUrl, token, stationId, profileId] = getValues(['centralUrl', 'token', 'stationId', 'profileId']);
    setTest(await host.testConnection({ centralUrl, token, stationId, profileId }));
  };

  const printTestPage = async () => {
    if (!(await trigger(['printerName', 'paperWidth', 'stationName']))) return;
    const [printerName, paperWidth, stationName] = getValues(['printerName', 'paperWidth', 'stationName']);
    await testPage.print({ printerName: printerName ?? '', paperWidth: paperWidth ?? '80mm', stationName });
  };

  const save = handleSubmit(async (values) => {
    setSaveError(null);
    const result = await host.testConnection({ centralUrl: values.centralUrl, token: values.token, stationId: values.stationId, profileId: values.profileId });
    setTest(result);
    if (!result.ok) return;
    const saved = await host.saveStation(values);
    if (!saved.ok) setSaveError(`Save: ${saved.error}`);
    else onSaved();
  });

  // The saved printer stays a choice even when this computer does not list it (yet, or any more), so opening
  // settings never changes it unseen. Listed from the first render: the select takes its value then.
  const savedPrinter = settings?.station.printerName ?? '';
  const printerChoices =
    savedPrinter !== '' && !printers.some((p) => p.name === savedPrinter)
      ? [{ name: savedPrinter, displayName: `${savedPrinter} (not listed on this computer)` }, ...printers]
      : printers;

  const err = formState.errors;
  const field = (name: keyof SetupValues, label: string, input: React.ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`setup-${name}`}>{label}</label>
      {input}
      {hint && (
        <span id={`setup-${name}-hint`} className="muted">
          {hint}
        </span>
      )}
      {err[name]?.message && (
        <p role="alert" className="error" id={`setup-${name}-error`}>
          {`${label}: ${err[name]?.message}`}
        </p>
      )}
    </div>
  );
  const describedBy = (name: keyof SetupValues, hint = false) =>
    [err[name] ? `setup-${name}-error` : null, hint ? `setup-${name}-hint` : null].filter(Boolean).join(' ') || undefined;
  const title = settings ? 'Station settings' : 'Set up this station';
  return (
    <main className={`signin setup${testPage.state ? ' with-preview' : ''}`}>
      <h1>{title}</h1>
      {settings && <p className="muted">Opened by {settings.approvedBy}. Changes apply after Save; the counter starts again with them.</p>}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="setup-body">
        <form onSubmit={save} noValidate aria-label={title}>
          {field('centralUrl', 'Central URL', <input id="setup-centralUrl" autoFocus autoComplete="off" placeholder="https://central.example.org" aria-invalid={!!err.centralUrl} aria-describedby={describedBy('centralUrl')} {...register('centralUrl')} />)}
          {field(
            'token',
            'Station token',
            <input id="setup-token" type="password" autoComplete="off" aria-invalid={!!err.token} aria-describedby={describedBy('token', !!settings)} {...register('token')} />,
            settings ? 'leave empty to keep the current token' : undefined,
          )}
          {field('stationId', 'Station ID', <input id="setup-stationId" autoComplete="off" aria-invalid={!!err.stationId} aria-describedby={describedBy('stationId')} {...register('stationId')} />)}
          {field('stationName', 'Station name', <input id="setup-stationName" autoComplete="off" aria-invalid={!!err.stationName} aria-describedby={describedBy('stationName')} {...register('stationName')} />)}
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
              <option value="">{printerChoices.length === 0 ? 'None (preview on screen)' : 'Choose…'}</option>
              {printerChoices.map((p) => (
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
          {/* Only Electron seals the token with the OS keychain; where there is none, a supervisor may accept the risk. */}
          {host.kind === 'electron' && (
            <div className="confirm">
              <input id="setup-plainTokenAccepted" type="checkbox" {...register('plainTokenAccepted')} />
              <label htmlFor="setup-plainTokenAccepted">Keep the token in plain text if this computer has no keychain (a supervisor accepts the risk)</label>
            </div>
          )}
          {test && (
            <p role={test.ok ? undefined : 'alert'} className={test.ok ? 'alert-text ok' : 'error'} aria-live="polite">
              {test.message}
            </p>
          )}
          <TestPageOutcome state={testPage.state} hostKind={host.kind} />
          {saveError && (
            <p role="alert" className="error">
              {saveError}
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void testConnection()}>
              Test connection
            </button>
            <button type="button" onClick={() => void printTestPage()} disabled={testPage.busy}>
              Print test page
            </button>
            <button type="submit" className="primary" disabled={formState.isSubmitting}>
              {settings ? 'Save' : 'Save and start'}
            </button>
            {settings && (
              <button type="button" onClick={settings.onCancel}>
                Cancel <kbd aria-hidden="true">Esc</kbd>
              </button>
            )}
          </div>
        </form>
        <TestPagePreview state={testPage.state} />
      </div>
    </main>
  );
}
