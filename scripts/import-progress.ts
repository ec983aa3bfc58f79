import type { ImportProgress, ImportSummary } from '@fristvakt/register';

const BAR_WIDTH = 28;
const REDRAW_MS = 200;

/**
 * A progress bar on a terminal (events/s, cases, refused, ETA), redrawn in place at most five times
 * a second; nothing on a pipe or file, where only the summary line is wanted.
 */
export function progressPrinter(out: NodeJS.WriteStream): { update: (p: ImportProgress) => void; done: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!out.isTTY) return;
      const now = performance.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      drawn = true;
      out.write(`\r${progressLine(p, out.columns ?? 120)}`);
    },
    done() {
      if (drawn) out.write('\n');
    },
  };
}

export function progressLine(p: ImportProgress, columns: number): string {
  const fraction = p.totalCases ? Math.min(1, p.cases / p.totalCases) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const rate = p.eventsRead / Math.max(p.seconds, 0.001);
  const eta = fraction > 0 ? (p.seconds / fraction) * (1 - fraction) : null;
  const line =
    `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
    `${Math.round(rate).toLocaleString('en')} events/s, cases ${p.cases.toLocaleString('en')}/${(p.totalCases ?? 0).toLocaleString('en')}, ` +
    `refused ${p.refused}, ETA ${eta === null ? '?' : `${Math.ceil(eta)} s`}`;
  return line.slice(0, Math.max(20, columns - 1)).padEnd(Math.max(20, columns - 1));
}

export function summaryLine(s: ImportSummary): string {
  const rate = Math.round(s.eventsRead / Math.max(s.seconds, 0.001));
  return (
    `import (${s.format}): ${s.cases} cases read, ${s.casesWritten} written, ${s.casesUnchanged} unchanged, ${s.refused} refused; ` +
    `${s.eventsAppended} events appended, ${s.eventsAlreadyStored} already stored; ${s.seconds.toFixed(1)} s (${rate} events/s)` +
    (s.refused > 0 ? `; refusals in ${s.reportFile}` : '')
  );
}
