import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaseRecording } from '@fristvakt/case-recording';
import { SqliteEventStore } from '@fristvakt/event-store';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import { registerExtract, runImport, validateRegisterFiles, writeExtractDir } from '@fristvakt/register';
import { IMPORTER, NOW, SECRET, caseEvents, figures, tempDir } from './register-support';
import { describeWithTool } from '../support/system-tools';

/*
 * A generated 3-year, 2-municipality history, recorded as the API records it, exported as register
 * files year by year, validated against the XSD and imported into an empty store year by year (each
 * year's files are complete case folders, so they overlap the year before): the compliance and flow
 * answers are the same. The one field the register cannot carry is left out of the comparison:
 * `notifications.acute` (the register has no acute flag; docs/register-import.md).
 */

const MUNICIPALITIES = ['3201', '3203'];
const YEARS = [2022, 2023, 2024];
const PERIODS = ['2022', '2023', '2024', '2022-H2', '2023-H1', '2024-H2', '2024-Q3'];

describeWithTool('xmllint', 'register round trip', () => {
  it('export → XSD → import into an empty store gives the same compliance and flow answers', async () => {
    const dir = tempDir();
    const original = new SqliteEventStore({ path: join(dir, 'original.sqlite'), writer: 'inline' });
    const imported = new SqliteEventStore({ path: join(dir, 'imported.sqlite'), writer: 'inline' });
    try {
      const recording = new CaseRecording(original, { clock: () => NOW });
      const log = generateEventLog({
        municipalities: MUNICIPALITIES,
        years: 3,
        fromYear: 2022,
        scale: 0.25,
        seed: 18,
        now: '2024-12-31T22:59:59.000Z',
      });
      let generated = 0;
      for (const request of logToRequests(log)) {
        await recording.record(
          { caseId: request.caseId, body: request.body },
          { subject: 'user:generator', municipalities: new Set(MUNICIPALITIES) },
        );
        generated += request.body.events.length;
      }
      expect(generated).toBeGreaterThan(2_000);

      for (const year of YEARS) {
        const yearDir = join(dir, `extract-${year}`);
        for (const municipality of MUNICIPALITIES) {
          await writeExtractDir(registerExtract({ store: original, municipality, year, secret: SECRET, now: NOW }), yearDir);
        }
        const files = readdirSync(yearDir).map((f) => join(yearDir, f));
        expect(files.length).toBeGreaterThan(100);
        expect((await validateRegisterFiles(files)).invalid).toEqual([]);
        const summary = await runImport({
          path: yearDir,
          store: imported,
          principal: IMPORTER,
          secret: SECRET,
          reportFile: join(dir, `report-${year}.ndjson`),
          clock: () => NOW,
        });
        expect(summary.refused).toBe(0);
        if (year > YEARS[0]) expect(summary.casesUnchanged + summary.eventsAlreadyStored).toBeGreaterThan(0);
      }

      const before = await caseEvents(original);
      const after = await caseEvents(imported);
      for (const municipality of MUNICIPALITIES) {
        for (const period of PERIODS) {
          const a = figures(before, municipality, period, '2024-12-31');
          const b = figures(after, municipality, period, '2024-12-31');
          expect({ municipality, period, compliance: withoutFollowUp(b.compliance) }).toEqual({
            municipality,
            period,
            compliance: withoutFollowUp(a.compliance),
          });
          expect({ municipality, period, flow: withoutAcute(b.flow) }).toEqual({ municipality, period, flow: withoutAcute(a.flow) });
        }
      }
    } finally {
      await original.close();
      await imported.close();
    }
  });
});

/** The export does not write plans, visits, supervision or aftercare yet (docs/register-import.md), so their figures cannot survive the trip. */
function withoutFollowUp<T extends { followUp: unknown }>(compliance: T): T {
  return { ...compliance, followUp: 'not exported yet' };
}

function withoutAcute<T extends { notifications: { acute: unknown } }>(flow: T): T {
  return { ...flow, notifications: { ...flow.notifications, acute: 'not in the register' } };
}
