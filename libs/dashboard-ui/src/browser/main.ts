/// <reference lib="dom" />
import type { Lang } from '../labels';
import { ApiError, demoLogin, getJson, loadDashboard, type Board, type DashboardData } from './api';
import { comparisonView } from './comparison-view';
import { complianceView } from './compliance-view';
import { deadlinesView } from './deadlines-view';
import { h } from './dom';
import { flowView, placementsView, reportersView } from './flow-view';
import { followUpView } from './follow-up-view';
import { trendView } from './trend-view';
import { municipalityLabel } from '../../../domain/src/municipalities/municipalities';
import { monthName } from './format';
import { t } from './i18n';

/*
 * The leaders' dashboard: one page, state in this module, every view rebuilt from the last answers
 * (a language switch re-renders without asking the server again). The token lives in
 * sessionStorage, so it is gone when the tab closes; the language choice in localStorage.
 */

const TOKEN_KEY = 'fristvakt.token';
const LANG_KEY = 'fristvakt.lang';
const PERIODS = ['year', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', ...Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'))];

interface State {
  token: string | null;
  lang: Lang;
  /** null: every municipality (a `*` token) */
  municipality: string | null;
  municipalities: string[];
  all: boolean;
  year: number;
  period: string;
  /** the open-deadlines panel: measured today, or on the last day of the selected period */
  deadlinesAt: 'today' | 'end';
  today: string | null;
  data: DashboardData | null;
  message: string | null;
}

const state: State = {
  token: sessionStorage.getItem(TOKEN_KEY),
  lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nb',
  municipality: null,
  municipalities: [],
  all: false,
  year: new Date().getFullYear(),
  period: 'year',
  deadlinesAt: 'today',
  today: null,
  data: null,
  message: null,
};

const demoEnabled = document.documentElement.dataset.demoLogin === 'true';
let generation = 0;

function periodParam(): string {
  return state.period === 'year' ? String(state.year) : `${state.year}-${state.period}`;
}

/** The selected period's last day, or today when the period has not ended yet. */
function periodEnd(): string {
  const { year, period } = state;
  const lastMonth =
    period === 'year' || period === 'H2' ? 12 : period === 'H1' ? 6 : period.startsWith('Q') ? Number(period.slice(1)) * 3 : Number(period);
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const end = `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
  return state.today !== null && end > state.today ? state.today : end;
}

function periodLabel(period: string): string {
  const lang = state.lang;
  if (period === 'year') return t('wholeYear', lang);
  if (period === 'H1') return t('half1', lang);
  if (period === 'H2') return t('half2', lang);
  if (period.startsWith('Q')) return `${period.slice(1)}. ${t('quarter', lang)}`;
  return monthName(Number(period), lang, 'long');
}

/** For tests and tools: what the page shows (`ready`, …) and for which selection. */
function setStatus(value: 'login' | 'loading' | 'ready' | 'error'): void {
  document.body.dataset.state = value;
  markView();
}

function markView(): void {
  document.body.dataset.view = [
    state.municipality ?? '*',
    state.year,
    state.period,
    state.lang,
    ...(state.deadlinesAt === 'end' ? ['end'] : []),
  ].join('|');
}

function header(): HTMLElement {
  const lang = state.lang;
  const toggle = h(
    'button',
    { type: 'button', id: 'lang-toggle', lang: lang === 'nb' ? 'en' : 'nb', 'aria-label': t('switchLanguageLabel', lang) },
    t('switchLanguage', lang),
  );
  toggle.addEventListener('click', () => {
    state.lang = state.lang === 'nb' ? 'en' : 'nb';
    localStorage.setItem(LANG_KEY, state.lang);
    render();
  });
  const actions = h('div', { class: 'actions' }, toggle);
  if (state.token !== null) {
    const logout = h('button', { type: 'button', id: 'logout' }, t('logout', lang));
    logout.addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      Object.assign(state, { token: null, data: null, municipalities: [], message: null });
      render();
    });
    actions.append(logout);
  }
  return h('header', { class: 'topbar' }, h('h1', {}, t('title', lang)), actions);
}

function loginView(): HTMLElement {
  const lang = state.lang;
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h(
    'form',
    { id: 'login', class: 'panel login' },
    h('h2', {}, t('loginHeading', lang)),
    h('p', {}, t('loginIntro', lang)),
    h('label', { for: 'token' }, t('tokenLabel', lang)),
    input,
    h('button', { type: 'submit' }, t('loginButton', lang)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (token !== '') login(token);
  });
  if (demoEnabled) {
    const demo = h('button', { type: 'button', id: 'demo-login', class: 'secondary' }, t('demoLogin', lang));
    demo.addEventListener('click', () => {
      demoLogin().then(login, (error: unknown) => fail(error));
    });
    form.append(h('div', { class: 'demo' }, demo, h('p', { class: 'hint' }, t('demoHint', lang))));
  }
  return form;
}

function login(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  Object.assign(state, { token, message: null, municipalities: [], data: null });
  void refresh();
}

function filters(): HTMLElement {
  const lang = state.lang;
  const municipality = h('select', { id: 'municipality', name: 'municipality' });
  if (state.all) municipality.append(h('option', { value: '*', selected: state.municipality === null }, t('allMunicipalities', lang)));
  for (const m of state.municipalities)
    municipality.append(h('option', { value: m, selected: state.municipality === m }, municipalityLabel(m)));
  municipality.addEventListener('change', () => {
    state.municipality = municipality.value === '*' ? null : municipality.value;
    void refresh();
  });
  const thisYear = Number((state.today ?? `${state.year}`).slice(0, 4));
  const year = h('select', { id: 'year', name: 'year' });
  for (let y = thisYear; y > thisYear - 6; y--) year.append(h('option', { value: y, selected: y === state.year }, y));
  year.addEventListener('change', () => {
    state.year = Number(year.value);
    void refresh();
  });
  const period = h('select', { id: 'period', name: 'period' });
  for (const p of PERIODS) period.append(h('option', { value: p, selected: p === state.period }, periodLabel(p)));
  period.addEventListener('change', () => {
    state.period = period.value;
    void refresh();
  });
  const deadlinesAt = h('select', { id: 'deadlines-at', name: 'deadlines-at' });
  deadlinesAt.append(
    h('option', { value: 'today', selected: state.deadlinesAt === 'today' }, t('deadlinesAtToday', lang)),
    h('option', { value: 'end', selected: state.deadlinesAt === 'end' }, t('deadlinesAtPeriodEnd', lang)),
  );
  deadlinesAt.addEventListener('change', () => {
    state.deadlinesAt = deadlinesAt.value === 'end' ? 'end' : 'today';
    void refresh();
  });
  const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  return h(
    'form',
    { class: 'filters', 'aria-label': t('filters', lang) },
    field('municipality', t('municipality', lang), municipality),
    field('year', t('year', lang), year),
    field('period', t('period', lang), period),
    field('deadlines-at', t('deadlinesAt', lang), deadlinesAt),
  );
}

function render(): void {
  const lang = state.lang;
  document.documentElement.lang = lang;
  document.title = t('title', lang);
  const main = h('main', { id: 'main', tabindex: -1 });
  const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }, state.message ?? '');
  if (state.token === null) {
    main.append(status, loginView());
    document.body.replaceChildren(skipLink(), header(), main);
    setStatus('login');
    return;
  }
  main.append(filters(), status);
  const data = state.data;
  if (data !== null) {
    const label = `${periodLabel(state.period)} ${state.year}`;
    main.append(
      deadlinesView(data.board, lang),
      complianceView(data, state.year, lang),
      trendView(data, lang),
      comparisonView(data.comparisons, lang),
      flowView(data.flow, label, lang),
      reportersView(data.flow, lang),
      placementsView(data.flow, lang),
      followUpView(data, state.year, lang),
    );
  }
  document.body.replaceChildren(skipLink(), header(), main);
  markView();
}

function skipLink(): HTMLElement {
  return h('a', { class: 'skip', href: '#main' }, t('skip', state.lang));
}

async function refresh(): Promise<void> {
  if (state.token === null) return render();
  const mine = ++generation;
  state.message = t('loading', state.lang);
  render();
  setStatus('loading');
  try {
    if (state.municipalities.length === 0 && !state.all) await learnScope(state.token);
    const data = await loadDashboard(
      state.token,
      state.municipality,
      state.year,
      periodParam(),
      state.deadlinesAt === 'end' ? periodEnd() : null,
    );
    if (mine !== generation) return;
    Object.assign(state, { data, message: null });
    render();
    setStatus('ready');
  } catch (error) {
    if (mine === generation) fail(error);
  }
}

/** Which municipalities the token holds, and today's date, from the deadline board (the one view every role in the dashboard may read). */
async function learnScope(token: string): Promise<void> {
  const board = await getJson<Board>(token, '/v1/deadlines');
  state.today = board.asOf;
  state.year = Number(board.asOf.slice(0, 4));
  state.all = board.municipalities === null;
  state.municipalities = board.municipalities ?? [...new Set(board.items.map((i) => i.municipality))].sort();
  state.municipality = state.all ? null : (state.municipalities[0] ?? null);
}

function fail(error: unknown): void {
  const lang = state.lang;
  if (error instanceof ApiError && error.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    Object.assign(state, { token: null, data: null, municipalities: [], message: t('unauthorized', lang) });
  } else if (error instanceof ApiError && error.status === 403) {
    state.message = `${t('forbidden', lang)} (${error.message})`;
  } else {
    state.message = `${t('failed', lang)}: ${error instanceof Error ? error.message : String(error)}`;
  }
  render();
  setStatus(state.token === null ? 'login' : 'error');
}

void refresh();
