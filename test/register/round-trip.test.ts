import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaseRecording } from '@fristvakt/case-recording';
import { FOLLOW_UP_EVENT_TYPES } from '@fristvakt/domain';
import { SqliteEventStore } from '@fristvakt/event-store';
import { generateEventLog, logToRequests } from '@fristvakt/generator';
import type { FollowUpSection } from '@fristvakt/projections';
import { ExportIds, RegisterPseudonyms, registerExtract, runImport, validateRegisterFiles, writeExtractDir } from '@fristvakt/register';
import { IMPORTER, NOW, SECRET, caseEvents, figures, tempDir } from './register-support';
import { describeWithTool } from '../support/system-tools';

/*
 * A generated 3-year, 2-municipality history, recorded as the API records it, exported as register
 * files year by year, validated against the XSD and imported into an empty store year by year (each
 * year's files are complete case folders, so they overlap the year before): the compliance and flow
 * answers are the same, the follow-up section (plans, visits, supervision, aftercare) included: the
 * export writes each child's birth year (`birthYear`), on which those figures' ages rest. The one
 * field the register cannot carry is left out of the comparison: `notifications.acute` (the register
 * has no acute flag; docs/register-import.md).
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
      const types = new Set<string>();
      for (const request of logToRequests(log)) {
        for (const event of request.body.events) types.add(event.type);
        await recording.record(
          { caseId: request.caseId, body: request.body },
          { subject: 'user:generator', municipalities: new Set(MUNICIPALITIES) },
        );
        generated += request.body.events.length;
      }
      expect(generated).toBeGreaterThan(2_000);
      // the history holds every kind of follow-up event, so the comparison below covers them
      expect(FOLLOW_UP_EVENT_TYPES.filter((type) => !types.has(type))).toEqual([]);

      for (const year of YEARS) {
        const yearDir = join(dir, `extract-${year}`);
        for (const municipality of MUNICIPALITIES) {
          await writeExtractDir(
            registerExtract({ store: original, municipality, year, secret: SECRET, now: NOW, birthYear: true }),
            yearDir,
          );
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
      let followUpChildren = 0;
      for (const municipality of MUNICIPALITIES) {
        for (const period of PERIODS) {
          const a = figures(before, municipality, period, '2024-12-31');
          const b = figures(after, municipality, period, '2024-12-31');
          expect({ municipality, period, compliance: b.compliance }).toEqual({
            municipality,
            period,
            compliance: { ...a.compliance, followUp: withImportedCaseIds(a.compliance.followUp) },
          });
          const f = a.compliance.followUp;
          followUpChildren += [f.plans, f.evaluatedPlans, f.carePlans, f.followUpVisits, f.supervision, f.aftercare].reduce(
            (sum, indicator) => sum + (indicator.denominator ?? 0),
            0,
          );
          expect({ municipality, period, flow: withoutAcute(b.flow) }).toEqual({ municipality, period, flow: withoutAcute(a.flow) });
        }
      }
      expect(followUpChildren).toBeGreaterThan(100);
    } finally {
      await original.close();
      await imported.close();
    }
  });
});

/** The children not met, named as the import names their cases: the keyed hash of the exported Sak@Id. */
function withImportedCaseIds(section: FollowUpSection): FollowUpSection {
  const exported = new ExportIds(SECRET);
  const imported = new RegisterPseudonyms(SECRET);
  const rename = <T extends { notMet: string[] | null }>(x: T): T => ({
    ...x,
    notMet: x.notMet === null ? null : x.notMet.map((caseId) => imported.caseId(exported.uuid(caseId, 'Sak'))).sort(),
  });
  return {
    ...section,
    plans: rename(section.plans),
    evaluatedPlans: rename(section.evaluatedPlans),
    carePlans: rename(section.carePlans),
    followUpVisits: rename(section.followUpVisits),
    supervision: { ...rename(section.supervision), elsewhere: rename(section.supervision.elsewhere) },
    aftercare: rename(section.aftercare),
  };
}

function withoutAcute<T extends { notifications: { acute: unknown } }>(flow: T): T {
  return { ...flow, notifications: { ...flow.notifications, acute: 'not in the register' } };
}
