// The window's guard rails with fake web contents, session, app and process.
import { describe, expect, it, vi } from 'vitest';
import { APP_URL, createUrlPolicy } from '../../../electron/protocol';
import {
  applicationMenu, applyKiosk, claimSingleInstance, denyPermissions, guardWebContents, mainWindowOptions, quitOnSignals, rendererEntry,
  type FocusableWindow, type GuardableContents, type KioskWindow, type PermissionSession,
} from '../../../electron/window';

type Preventable = { preventDefault(): void };

function fakeContents() {
  const listeners = new Map<string, (event: Preventable & { url: string }) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableContents = {
    on(event: string, listener: (event: Preventable & { url: string }) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  return {
    contents,
    navigate(url: string) {
      const event = { url, preventDefault: vi.fn() };
      listeners.get('will-navigate')?.(event);
      return event.preventDefault.mock.calls.length > 0 ? 'prevented' : 'allowed';
    },
    attachWebview() {
      const event = { url: '', preventDefault: vi.fn() };
      listeners.get('will-attach-webview')?.(event);
      return event.preventDefault.mock.calls.length > 0 ? 'prevented' : 'allowed';
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('mainWindowOptions', () => {
  it('is 1366x768 with the locked-down web preferences and the preload', () => {
    const options = mainWindowOptions('/app/build/electron/electron/preload.js');
    expect(options).toMatchObject({ width: 1366, height: 768, show: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
      preload: '/app/build/electron/electron/preload.js',
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is a normal window unless the station is a kiosk', () => {
    for (const options of [mainWindowOptions('/p.js'), mainWindowOptions('/p.js', { kiosk: false })]) {
      expect(options).not.toHaveProperty('kiosk');
      expect(options).not.toHaveProperty('fullscreen');
      expect(options.autoHideMenuBar).toBe(true);
    }
  });

  it('opens full screen in kiosk mode for a kiosk station, with the same locked-down preferences', () => {
    const options = mainWindowOptions('/p.js', { kiosk: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(options.webPreferences).toEqual(mainWindowOptions('/p.js').webPreferences);
  });
});

describe('applicationMenu', () => {
  it('removes the menu in kiosk mode and in an installed counter; development keeps the default one', () => {
    expect(applicationMenu({ kiosk: true, isPackaged: true })).toBe('none');
    expect(applicationMenu({ kiosk: true, isPackaged: false })).toBe('none');
    expect(applicationMenu({ kiosk: false, isPackaged: true })).toBe('none');
    expect(applicationMenu({ kiosk: false, isPackaged: false })).toBe('default');
  });
});

describe('applyKiosk', () => {
  function fakeWindow(kiosk: boolean): KioskWindow & { calls: boolean[] } {
    let state = kiosk;
    const calls: boolean[] = [];
    return { calls, isKiosk: () => state, setKiosk: (flag) => { calls.push(flag); state = flag; } };
  }

  it('turns kiosk on at once when setup saves it, and removes the menu', () => {
    const win = fakeWindow(false);
    const removeMenu = vi.fn();
    applyKiosk(win, removeMenu, { kiosk: true, isPackaged: false });
    expect(win.calls).toEqual([true]);
    expect(removeMenu).toHaveBeenCalledOnce();
  });

  it('turns it off again, and leaves an unchanged window alone', () => {
    const win = fakeWindow(true);
    applyKiosk(win, vi.fn(), { kiosk: false, isPackaged: true });
    applyKiosk(win, vi.fn(), { kiosk: false, isPackaged: true });
    expect(win.calls).toEqual([false]);
  });

  it('keeps the development menu when kiosk is off', () => {
    const removeMenu = vi.fn();
    applyKiosk(fakeWindow(false), removeMenu, { kiosk: false, isPackaged: false });
    expect(removeMenu).not.toHaveBeenCalled();
  });
});

describe('guardWebContents', () => {
  const quiet = () => {};

  it('lets the counter move within its own origin and stops every other navigation', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents, createUrlPolicy(null), quiet);
    expect(fake.navigate('app://counter/index.html#/payment')).toBe('allowed');
    expect(fake.navigate('https://evil.example/phish')).toBe('prevented');
    expect(fake.navigate('app://counter.evil.example/')).toBe('prevented');
    expect(fake.navigate('file:///etc/passwd')).toBe('prevented');
    expect(fake.navigate('http://localhost:5173/')).toBe('prevented');
  });

  it('allows the dev server origin only when it is the one in use', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents, createUrlPolicy('http://localhost:5173'), quiet);
    expect(fake.navigate('http://localhost:5173/')).toBe('allowed');
    expect(fake.navigate('http://localhost:8787/')).toBe('prevented');
  });

  it('denies every new window, its own origin included, and logs only the origin', () => {
    const fake = fakeContents();
    const log = vi.fn();
    guardWebContents(fake.contents, createUrlPolicy(null), log);
    expect(fake.open('https://evil.example/?account=1000000001')).toEqual({ action: 'deny' });
    expect(fake.open('app://counter/receipt')).toEqual({ action: 'deny' });
    expect(log).toHaveBeenCalledWith('[window] refused to open a window for https://evil.example');
    expect(JSON.stringify(log.mock.calls)).not.toContain('1000000001');
  });

  it('refuses to attach a <webview>', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents, createUrlPolicy(null), quiet);
    expect(fake.attachWebview()).toBe('prevented');
  });
});

describe('denyPermissions', () => {
  function fakeSession() {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => { request = h; },
      setPermissionCheckHandler: (h) => { check = h; },
    };
    return {
      session,
      request(permission: string, requestingUrl: string): boolean {
        let granted: boolean | undefined;
        request?.({}, permission, (g) => { granted = g; }, { requestingUrl });
        if (granted === undefined) throw new Error('the request was never answered');
        return granted;
      },
      check: (permission: string, origin: string) => check?.({}, permission, origin),
    };
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb'])(
    'denies %s, asked or checked, even to the counter',
    (permission) => {
      const fake = fakeSession();
      denyPermissions(fake.session, createUrlPolicy(null));
      expect(fake.request(permission, 'app://counter/')).toBe(false);
      expect(fake.check(permission, 'app://counter')).toBe(false);
    },
  );

  it("grants persistent storage to the counter's page only, so the payment journal is not evicted", () => {
    const fake = fakeSession();
    denyPermissions(fake.session, createUrlPolicy(null));
    expect(fake.request('persistent-storage', 'app://counter/index.html')).toBe(true);
    expect(fake.request('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(fake.check('persistent-storage', 'https://evil.example')).toBe(false);
  });
});

describe('claimSingleInstance', () => {
  function fakeApp(gotLock: boolean) {
    let second: (() => void) | null = null;
    return {
      app: {
        requestSingleInstanceLock: () => gotLock,
        on: (_event: 'second-instance', listener: () => void) => { second = listener; },
      },
      startSecond: () => second?.(),
    };
  }
  function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      isMinimized: () => minimized,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    };
  }

  it('tells a second instance to quit', () => {
    expect(claimSingleInstance(fakeApp(false).app, () => null)).toBe(false);
  });

  it('brings the first window forward when a second instance starts', () => {
    const fake = fakeApp(true);
    const win = fakeWindow(true);
    expect(claimSingleInstance(fake.app, () => win)).toBe(true);
    fake.startSecond();
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing when the window is not there yet', () => {
    const fake = fakeApp(true);
    claimSingleInstance(fake.app, () => null);
    expect(() => fake.startSecond()).not.toThrow();
  });
});

describe('quitOnSignals', () => {
  it('quits on SIGINT and on SIGTERM', () => {
    const listeners = new Map<string, () => void>();
    const quit = vi.fn();
    quitOnSignals({ once: (signal, listener) => listeners.set(signal, listener) }, quit);
    expect([...listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    listeners.get('SIGINT')?.();
    listeners.get('SIGTERM')?.();
    expect(quit).toHaveBeenCalledTimes(2);
  });
});

describe('rendererEntry', () => {
  it('loads the built renderer by default', () => {
    expect(rendererEntry({}, false)).toEqual({ url: APP_URL, devOrigin: null, problem: null });
  });
  it('loads COUNTER_RENDERER_URL in development', () => {
    expect(rendererEntry({ COUNTER_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({
      url: 'http://localhost:5173/', devOrigin: 'http://localhost:5173', problem: null,
    });
  });
  it('ignores it in a packaged app, and when it is not http(s)', () => {
    expect(rendererEntry({ COUNTER_RENDERER_URL: 'http://localhost:5173' }, true)).toMatchObject({ url: APP_URL, devOrigin: null, problem: expect.stringContaining('packaged') });
    expect(rendererEntry({ COUNTER_RENDERER_URL: 'file:///tmp/index.html' }, false)).toMatchObject({ url: APP_URL, devOrigin: null });
    expect(rendererEntry({ COUNTER_RENDERER_URL: 'localhost:5173' }, false)).toMatchObject({ url: APP_URL, devOrigin: null });
  });
});
