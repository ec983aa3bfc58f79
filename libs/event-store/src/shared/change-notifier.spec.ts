import { ChangeNotifier } from './change-notifier';

describe('ChangeNotifier', () => {
  it('resolves at once when a change happened since the caller last looked', async () => {
    const notifier = new ChangeNotifier();
    const seen = notifier.sequence;
    notifier.notify();
    await expect(notifier.waitForChange(seen)).resolves.toBeUndefined();
  });

  it('wakes waiters on notify, abort and close, leaving no timers behind', async () => {
    jest.useFakeTimers();
    try {
      const notifier = new ChangeNotifier();
      const controller = new AbortController();
      const byNotify = notifier.waitForChange(notifier.sequence, undefined, 60_000);
      notifier.notify();
      await byNotify;
      const byAbort = notifier.waitForChange(notifier.sequence, controller.signal, 60_000);
      expect(jest.getTimerCount()).toBe(1);
      controller.abort();
      await byAbort;
      const byClose = notifier.waitForChange(notifier.sequence, undefined, 60_000);
      notifier.close();
      await byClose;
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('wakes a waiter after the poll interval', async () => {
    jest.useFakeTimers();
    try {
      const notifier = new ChangeNotifier();
      let woke = false;
      const waiting = notifier.waitForChange(notifier.sequence, undefined, 50).then(() => (woke = true));
      await jest.advanceTimersByTimeAsync(49);
      expect(woke).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await waiting;
      expect(woke).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
