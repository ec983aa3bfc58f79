import type { Lang } from '../labels';

const locale = (lang: Lang) => (lang === 'nb' ? 'nb-NO' : 'en-GB');

export function formatCount(n: number | null, lang: Lang): string {
  return n === null ? '–' : new Intl.NumberFormat(locale(lang)).format(n);
}

export function formatShare(share: number | null, lang: Lang): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

/** A rate per 1 000, one decimal. */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/** Whole percent, for chart axes. */
export function formatPercentWhole(share: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function monthName(month: number, lang: Lang, style: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale(lang), { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 15)));
}
