// Crash and hang recovery: the policy's decision, then the supervisor over a fake web contents and fake timers.
import { describe, expect, it, vi } from 'vitest';
import { APP_URL } from '../../../electron/protocol';
import { CRASH_PAGE_URL, createCrashPolicy, superviseRenderer, type SupervisedContents, type Timers } from '../../../electron/recovery';

describe('createCrashPolicy', () => {
  it('reloads after the first and second loss, gives up at the third within 60 s', () => {
    const policy = createCrashPolicy();
    expect(policy.record(0)).toEqual({ decision: 'reload', recent: 1 });
    expect(policy.record(10_000)).toEqual({ decision: 'reload', recent: 2 });
    expect(policy.record(59_999)).toEqual({ decision: 'give-up', recent: 3 });
  });

  it('forgets losses older than the window', () => {
    const policy = createCrashPolicy();
    policy.record(0);
    policy.record(30_000);
    expect(policy.record(60_000)).toEqual({ decision: 'reload', recent: 2 }); // the one at 0 is 60 s old
    expect(policy.record(89_999)).toEqual({ decision: 'give-up', recent: 3 }); // 30 000, 60 000 and 89 999
    expect(policy.record(200_000)).toEqual({ decision: 'reload', recent: 1 });
  });

  it('takes another limit and window', () => {
    const policy = createCrashPolicy({ limit: 2, windowMs: 1000 });
    expect(policy.record(0).decision).toBe('reload');
    expect(policy.record(999).decision).toBe('give-up');
  });
});

type GoneDetails = { reason: string; exitCode: number };

function fakeContents(url = APP_URL) {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const state = { url, destroyed: false, crashes: 0 };
  const contents: SupervisedContents = {
    on(event: string, listener: (...args: never[]) => void) {
      listeners.set(event, listener as (...args: unknown[]) => void);
      return contents;
    },
    forcefullyCrashRenderer: () => {
      state.crashes++;
      // Electron emits 'render-process-gone' for it.
      listeners.get('render-process-gone')?.({}, { reason: 'killed', exitCode: 9 });
    },
    getURL: () => state.url,
    isDestroyed: () => state.destroyed,
  };
  return {
    contents,
    state,
    gone: (details: GoneDetails = { reason: 'crashed', exitCode: 11 }) => listeners.get('render-process-gone')?.({}, details),
    unresponsive: () => listeners.get('unresponsive')?.(),
    responsive: () => listeners.get('responsive')?.(),
  };
}

function fakeTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    pending: () => [...pending.values()].map((p) => p.ms),
    fire: () => {
      const all = [...pending.entries()];
      pending.clear();
      for (const [, p] of all) p.fn();
    },
  };
}

function supervise(opts: { url?: string; quitting?: boolean } = {}) {
  const fake = fakeContents(opts.url);
  const clock = { now: 0 };
  const timers = fakeTimers();
  const reload = vi.fn();
  const showCrashPage = vi.fn(() => {
    fake.state.url = CRASH_PAGE_URL;
  });
  const log = vi.fn();
  superviseRenderer(fake.contents, { reload, showCrashPage, isQuitting: () => opts.quitting ?? false, log, now: () => clock.now, timers: timers.timers });
  return { fake, clock, timers, reload, showCrashPage, log };
}

describe('superviseRenderer: a renderer that is gone', () => {
  it('is reloaded, and the event is logged with its reason', () => {
    const s = supervise();
    s.fake.gone({ reason: 'oom', exitCode: -1 });
    expect(s.reload).toHaveBeenCalledOnce();
    expect(s.showCrashPage).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenCalledWith(expect.stringMatching(/gone \(oom, exit code -1\); reloading the counter \(1 of 3 in 60 s/));
  });

  it('after 3 losses within 60 s, is not reloaded: the crash page is shown', () => {
    const s = supervise();
    s.fake.gone();
    s.clock.now = 20_000;
    s.fake.gone();
    s.clock.now = 40_000;
    s.fake.gone();
    expect(s.reload).toHaveBeenCalledTimes(2);
    expect(s.showCrashPage).toHaveBeenCalledOnce();
    expect(s.log).toHaveBeenLastCalledWith(expect.stringContaining('3 times within 60 s; no more reloads, showing the crash page'));
  });

  it('when the crash page itself goes, leaves the window alone instead of looping', () => {
    const s = supervise({ url: CRASH_PAGE_URL });
    s.fake.gone();
    expect(s.reload).not.toHaveBeenCalled();
    expect(s.showCrashPage).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('while the crash page was shown'));
  });

  it('after "Start the counter again" from the crash page, a later crash reloads again once the old ones are past', () => {
    const s = supervise();
    s.fake.gone();
    s.fake.gone();
    s.fake.gone();
    expect(s.showCrashPage).toHaveBeenCalledOnce();
    s.fake.state.url = APP_URL; // the cashier pressed the link
    s.clock.now = 120_000;
    s.fake.gone();
    expect(s.reload).toHaveBeenCalledTimes(3);
  });

  it('is ignored while the app quits, or when the window is already destroyed', () => {
    const quitting = supervise({ quitting: true });
    quitting.fake.gone({ reason: 'killed', exitCode: 0 });
    expect(quitting.reload).not.toHaveBeenCalled();
    const destroyed = supervise();
    destroyed.fake.state.destroyed = true;
    destroyed.fake.gone();
    expect(destroyed.reload).not.toHaveBeenCalled();
  });
});

describe('superviseRenderer: a renderer that hangs', () => {
  it('waits 15 s; still hung, ends the process, and the loss that follows reloads it (counted once)', () => {
    const s = supervise();
    s.fake.unresponsive();
    expect(s.timers.pending()).toEqual([15_000]);
    expect(s.reload).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('not responding; reloading in 15 s unless it recovers'));
    s.timers.fire();
    expect(s.fake.state.crashes).toBe(1);
    expect(s.reload).toHaveBeenCalledOnce();
    expect(s.log).toHaveBeenCalledWith(expect.stringContaining('gone (killed, exit code 9); reloading the counter (1 of 3'));
  });

  it('recovering in time cancels the reload', () => {
    const s = supervise();
    s.fake.unresponsive();
    s.fake.responsive();
    expect(s.timers.pending()).toEqual([]);
    s.timers.fire();
    expect(s.fake.state.crashes).toBe(0);
    expect(s.reload).not.toHaveBeenCalled();
    expect(s.log).toHaveBeenLastCalledWith(expect.stringContaining('responding again'));
  });

  it('a second "unresponsive" while waiting does not start a second wait', () => {
    const s = supervise();
    s.fake.unresponsive();
    s.fake.unresponsive();
    expect(s.timers.pending()).toEqual([15_000]);
  });

  it('a crash while waiting cancels the wait (it is already being reloaded)', () => {
    const s = supervise();
    s.fake.unresponsive();
    s.fake.gone();
    expect(s.timers.pending()).toEqual([]);
    expect(s.reload).toHaveBeenCalledOnce();
  });

  it('a "responsive" with no wait running is not logged', () => {
    const s = supervise();
    s.fake.responsive();
    expect(s.log).not.toHaveBeenCalled();
  });
});
