import type { Page } from 'playwright-core';
import { mintTestToken } from '../support/auth';
import { FIRST_RECORDING } from '../reports/report-fixture';
import { launchBrowser, screenshot, seriousAxeViolations, type Browser } from './browser';
import { startDashboardServer, type DashboardServer } from './dashboard-server';
import { describeWithTool } from '../support/system-tools';

/*
 * The dashboard in a real browser (Debian's chromium through playwright-core) against the app
 * loaded with a generated history: every figure on the page equals the API's JSON answer for the
 * same municipality and period, the pickers and the language switch work, the page keeps its CSP
 * (no violation reported) and axe-core finds nothing serious. Screenshots go to artifacts/screenshots.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LEADER_MUNICIPALITIES = ['3201', '3203'];

describeWithTool('chromium', 'leaders’ dashboard in the browser', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startDashboardServer();
    token = await mintTestToken(
      server.config,
      { roles: ['leader'], municipalities: LEADER_MUNICIPALITIES, subject: 'leder@3201', ttlSeconds: 10 * 366 * 86_400 },
      FIRST_RECORDING,
    );
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function api(path: string): Promise<Json> {
    const res = await server.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
    expect({ path, status: res.statusCode }).toEqual({ path, status: 200 });
    return res.json() as Json;
  }

  async function ready(view: string): Promise<void> {
    await page.waitForSelector(`body[data-state="ready"][data-view="${view}"]`, { timeout: 30_000 });
  }

  async function choose(select: string, value: string, view: string): Promise<void> {
    await page.selectOption(select, value);
    await ready(view);
  }

  /** Every [data-figure] on the page against the API's answer it names; returns how many were compared. */
  async function expectFiguresMatchApi(municipality: string, flowPeriod: string, boardAsOf?: string): Promise<number> {
    const shown = await page.$$eval('[data-figure]', (elements) =>
      elements.map((e) => ({ path: e.getAttribute('data-figure') as string, value: e.getAttribute('data-value') as string })),
    );
    const board = await api(`/v1/deadlines?municipality=${municipality}${boardAsOf === undefined ? '' : `&asOf=${boardAsOf}`}`);
    const flows = new Map<string, Json>();
    const flow = await api(`/v1/statistics/flow?municipality=${municipality}&period=${flowPeriod}`);
    const compliance = new Map<string, Json>();
    const comparisons = new Map<string, Json>();
    for (const { path, value } of shown) {
      const [source, ...rest] = path.split('.');
      let expected: unknown;
      if (source === 'deadlines' && rest[0] === 'count') {
        expected = board.items.filter((i: Json) => i.status === rest[1] && i.kind === rest[2]).length;
      } else if (source === 'deadlines') {
        expected = board.items.find((i: Json) => i.kind === rest[0] && i.caseId === rest[1] && i.id === rest[2])?.daysLeft;
      } else if (source === 'trend') {
        // a year's flow answer, for the trend panel
        const year = rest[0];
        if (!flows.has(year)) flows.set(year, await api(`/v1/statistics/flow?municipality=${municipality}&period=${year}`));
        expected = at(flows.get(year), rest.slice(1));
      } else if (source === 'comparisons') {
        // the state report's comparisons for the year, as the dashboard asks for them (five years)
        const year = rest[0];
        if (!comparisons.has(year))
          comparisons.set(year, await api(`/v1/reports/state-report/comparisons?municipality=${municipality}&year=${year}&years=5`));
        expected = at(comparisons.get(year)!.indicators, rest.slice(1));
      } else if (source === 'compliance') {
        const period = rest[0];
        if (!compliance.has(period)) compliance.set(period, await api(`/v1/compliance?municipality=${municipality}&period=${period}`));
        expected = at(compliance.get(period), rest.slice(1));
      } else {
        expected = at(flow, rest);
      }
      expect({ path, value: value === 'null' ? null : Number(value) }).toEqual({ path, value: expected === undefined ? 0 : expected });
    }
    return shown.length;
  }

  it('logs in with a pasted token, keeps it in sessionStorage, and shows the first municipality this year', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-state="login"]');
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-login');
    await page.fill('#token', token);
    await page.click('#login button[type=submit]');
    await ready('3201|2025|year|nb');
    expect(await page.evaluate(() => sessionStorage.getItem('fristvakt.token'))).toBe(token);
    expect(await page.$$eval('#municipality option', (options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(
      LEADER_MUNICIPALITIES,
    );
  });

  it('shows for 2024 exactly the figures the API answers: deadlines, compliance by month and half-year, flow, reporters, placements', async () => {
    await choose('#year', '2024', '3201|2024|year|nb');
    const compared = await expectFiguresMatchApi('3201', '2024');
    expect(compared).toBeGreaterThan(60);
    // overdue first, then due soon
    const statuses = await page.$$eval('.deadline-table tbody tr td:last-child', (cells) => cells.map((c) => c.textContent));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === 'Over fristen' ? 0 : 1) - (b === 'Over fristen' ? 0 : 1)));
    // charts are described for assistive technology and have their table beside them
    const charts = await page.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-label') ?? '' })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const chart of charts) expect(chart.role === 'img' && chart.label.length > 10).toBe(true);
    await screenshot(page, 'dashboard-3201-2024-nb');
  });

  it("shows the trends over five years as charts with their table, and measures the open deadlines at the period's end on request", async () => {
    const trendCharts = await page.$$eval('#trends svg.chart', (svgs) => svgs.map((s) => s.getAttribute('aria-label') ?? ''));
    expect(trendCharts).toHaveLength(4);
    for (const label of trendCharts) expect(label).toMatch(/2020 .*2024 /);
    expect(await page.$$eval('#trends .trend-table tbody tr th', (cells) => cells.map((c) => c.textContent))).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
    ]);
    expect(await page.$$eval('#municipality option', (options) => options.map((o) => o.textContent))).toEqual([
      'Bærum (3201)',
      'Asker (3203)',
    ]);
    await choose('#deadlines-at', 'end', '3201|2024|year|nb|end');
    expect(await page.textContent('#deadlines .intro')).toContain('2024-12-31');
    expect(await expectFiguresMatchApi('3201', '2024', '2024-12-31')).toBeGreaterThan(60);
    await choose('#period', 'H1', '3201|2024|H1|nb|end');
    expect(await page.textContent('#deadlines .intro')).toContain('2024-06-30');
    expect(await expectFiguresMatchApi('3201', '2024-H1', '2024-06-30')).toBeGreaterThan(60);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-3201-2024-H1-trends');
  });

  it("sets the published figures beside Fristvakt's, each indicator as a chart with its table, as the state report's comparisons", async () => {
    await choose('#deadlines-at', 'today', '3201|2024|H1|nb');
    await choose('#period', 'year', '3201|2024|year|nb');
    const answer = await api('/v1/reports/state-report/comparisons?municipality=3201&year=2024&years=5');
    expect(answer.indicators.length).toBeGreaterThanOrEqual(4);
    const blocks = await page.$$eval('#comparisons .comparison', (elements) =>
      elements.map((e) => ({
        heading: e.querySelector('h3')?.textContent ?? '',
        chart: e.querySelector('svg.chart')?.getAttribute('aria-label') ?? '',
        role: e.querySelector('svg.chart')?.getAttribute('role'),
        rows: Array.from(e.querySelectorAll('table.comparison-table tbody tr th'), (th) => th.textContent),
        definitionLang: e.querySelector('p.note')?.getAttribute('lang'),
      })),
    );
    expect(blocks).toHaveLength(answer.indicators.length);
    blocks.forEach((block, i) => {
      const series = answer.indicators[i];
      expect(block.role).toBe('img');
      expect(block.chart).toContain('Fristvakt');
      expect(block.rows).toEqual([
        'Fristvakt',
        ...series.published.map((p: Json) => (p.areaType === 'municipality' ? p.name : expect.anything())),
      ]);
      expect(block.definitionLang).toBe('nb');
    });
    expect(blocks.map((b) => b.heading)).toContain('Fristbrudd i undersøkelser (nær samme definisjon)');
    const halfYear = blocks.find((b) => b.heading.startsWith('Fristbrudd'))!;
    expect(halfYear.rows).toEqual(['Fristvakt', 'Bærum (3201)', 'Fylke 32']);
    // every comparison figure on the page is the answer's
    const shown = await page.$$eval('#comparisons [data-figure]', (elements) => elements.length);
    expect(shown).toBeGreaterThanOrEqual(20);
    expect(await expectFiguresMatchApi('3201', '2024')).toBeGreaterThan(80);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-3201-2024-comparisons', '#comparisons');
  });

  it("renders the state report's HTML with its charts in the browser, without a serious accessibility violation", async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/v1/reports/state-report?year=2024&municipality=3201&format=html',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const report = await browser.context.newPage();
    try {
      await report.setContent(res.body, { waitUntil: 'load' });
      const charts = await report.$$eval('figure.chart svg', (svgs) =>
        svgs.map((s) => ({
          role: s.getAttribute('role'),
          title: s.querySelector('title')?.textContent ?? '',
          width: s.getBoundingClientRect().width,
        })),
      );
      expect(charts.length).toBeGreaterThanOrEqual(10);
      for (const chart of charts) expect(chart.role === 'img' && chart.title.length > 5 && chart.width > 200).toBe(true);
      // the cross-table of placed children, plans and visits over the years, and both comparisons, each drawn beside its table
      const drawn = await report.$$eval('figure.chart svg', (svgs) => svgs.map((s) => s.getAttribute('aria-labelledby') ?? ''));
      for (const id of ['barn_plassert_grunnlag_alder', 'oppfolging_over_ar', 'sammenligning', 'sammenligning_halvar'])
        expect({ id, drawn: drawn.some((label) => label.startsWith(`chart-${id}-title`)) }).toEqual({ id, drawn: true });
      expect(await seriousAxeViolations(report)).toEqual([]);
      await screenshot(report, 'state-report-3201-2024');
    } finally {
      await report.close();
    }
  });

  it('follows the period picker (first half-year) and the municipality picker (3203)', async () => {
    await choose('#period', 'H1', '3201|2024|H1|nb');
    expect(await expectFiguresMatchApi('3201', '2024-H1')).toBeGreaterThan(60);
    await choose('#municipality', '3203', '3203|2024|H1|nb');
    expect(await expectFiguresMatchApi('3203', '2024-H1')).toBeGreaterThan(60);
    await choose('#period', '03', '3203|2024|03|nb');
    expect(await expectFiguresMatchApi('3203', '2024-03')).toBeGreaterThan(40);
  });

  it('switches to English and back without changing a figure', async () => {
    const before = await page.$$eval('[data-figure]', (els) =>
      els.map((e) => `${e.getAttribute('data-figure')}=${e.getAttribute('data-value')}`),
    );
    await page.click('#lang-toggle');
    await ready('3203|2024|03|en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Fristvakt – leaders’ dashboard');
    expect(await page.textContent('#compliance-heading')).toBe('Deadline compliance');
    const after = await page.$$eval('[data-figure]', (els) =>
      els.map((e) => `${e.getAttribute('data-figure')}=${e.getAttribute('data-value')}`),
    );
    expect(after).toEqual(before);
    await choose('#period', 'year', '3203|2024|year|en');
    await screenshot(page, 'dashboard-3203-2024-en');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.click('#lang-toggle');
    await ready('3203|2024|year|nb');
    expect(await page.textContent('#compliance-heading')).toBe('Fristoverholdelse');
  });

  it('has no serious accessibility violation and no CSP or script error on the dashboard', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('logs out, refuses a bad token, and logs in with the demo button where the setting is on', async () => {
    await page.click('#logout');
    await page.waitForSelector('body[data-state="login"]');
    expect(await page.evaluate(() => sessionStorage.getItem('fristvakt.token'))).toBeNull();
    await page.fill('#token', 'not-a-token');
    await page.click('#login button[type=submit]');
    await page.waitForSelector('body[data-state="login"] #status:not(:empty)');
    expect(await page.textContent('#status')).toContain('Tokenet ble ikke godtatt');
    problems.length = 0;
    await page.click('#demo-login');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.$$eval('#municipality option', (options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([
      '*',
      ...LEADER_MUNICIPALITIES,
    ]);
    await choose('#year', '2024', '*|2024|year|nb');
    expect(await page.textContent('#flow')).toContain('Meldinger mottatt');
  });
});

/** The value at a dotted path; a code key holding a dot ("2.1") is found by joining segments. */
function at(node: unknown, segments: string[]): unknown {
  let current = node as Json | undefined;
  for (let i = 0; i < segments.length; i++) {
    if (current === undefined || current === null) return undefined;
    let key = segments[i];
    while (!(key in current) && i + 1 < segments.length && typeof current === 'object') key = `${key}.${segments[++i]}`;
    current = current[key];
  }
  return current;
}
