import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as build from '@fristvakt/domain/testing';
import type { AuthHeaders } from '../support/auth';

export const MUNICIPALITY = '3201';

export interface Acknowledged {
  caseId: string;
  eventIds: string[];
  version: number;
  position: number;
}

export interface WriteOutcome {
  acknowledged: Acknowledged[];
  /** 409s answered to requests that pinned `expectedVersion` (each was retried after re-reading) */
  pinnedConflicts: number;
  /** 409s answered to requests without one: the recorder ran out of its own retries */
  unpinnedConflicts: number;
}

export interface Workload {
  cases: number;
  /** per case, split evenly over the instances, which write at the same time */
  requestsPerCase: number;
  /** `${caseIdPrefix}-<n>` */
  caseIdPrefix: string;
}

/** Gives up on a request that conflicts this often in a row: the writers would be starving each other. */
const MAX_CONFLICTS_PER_REQUEST = 100;

/**
 * Writes the same cases through every instance at once: each case is opened, then one writer per
 * instance sends its share of the requests to it. Even-numbered requests pin `expectedVersion`
 * from a fresh read (and re-read after a 409), odd ones leave it out so the recorder retries.
 */
export async function writeConcurrently(apps: NestFastifyApplication[], headers: AuthHeaders, workload: Workload): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { acknowledged: [], pinnedConflicts: 0, unpinnedConflicts: 0 };
  const caseIds = Array.from({ length: workload.cases }, (_, n) => `${workload.caseIdPrefix}-${n}`);
  const perWriter = Math.ceil(workload.requestsPerCase / apps.length);

  await Promise.all(
    caseIds.map(async (caseId, caseIndex) => {
      const opened = await post(apps[caseIndex % apps.length], headers, caseId, {
        expectedVersion: 0,
        events: [notification('n-open', `2024-${month(caseIndex)}-01`)],
      });
      if (opened.statusCode !== 201) throw new Error(`opening ${caseId} answered ${opened.statusCode}: ${opened.body}`);
      outcome.acknowledged.push(acknowledgement(caseId, opened.json()));

      await Promise.all(
        apps.map(async (app, writer) => {
          for (let request = 0; request < perWriter; request++) {
            const events = requestEvents(
              `n-${writer}-${request}`,
              `2024-${month(caseIndex)}-${day(writer * perWriter + request)}`,
              request,
            );
            const pinned = request % 2 === 0;
            for (let conflicts = 0; ; conflicts++) {
              if (conflicts === MAX_CONFLICTS_PER_REQUEST) throw new Error(`${caseId}: ${conflicts} conflicts in a row`);
              const expectedVersion = pinned ? await versionOf(app, headers, caseId) : undefined;
              const res = await post(app, headers, caseId, { ...(pinned ? { expectedVersion } : {}), events });
              if (res.statusCode === 201) {
                outcome.acknowledged.push(acknowledgement(caseId, res.json()));
                break;
              }
              if (res.statusCode !== 409) throw new Error(`POST ${caseId} answered ${res.statusCode}: ${res.body}`);
              if (pinned) outcome.pinnedConflicts++;
              else outcome.unpinnedConflicts++;
            }
          }
        }),
      );
    }),
  );
  return outcome;
}

/** A new notification; every third one is cleared in the same request, so reviews conclude too. */
function requestEvents(notificationId: string, date: string, request: number): object[] {
  const received = notification(notificationId, date);
  if (request % 3 !== 0) return [received];
  return [received, build.withoutEventId(build.cleared(notificationId, date))];
}

/** without an event id: the server assigns one */
function notification(notificationId: string, date: string): object {
  return build.withoutEventId(build.received(notificationId, date, { municipality: MUNICIPALITY, childBirthYear: 2014 }));
}

function acknowledgement(caseId: string, body: { eventIds: string[]; version: number; position: number }): Acknowledged {
  return { caseId, eventIds: body.eventIds, version: body.version, position: body.position };
}

const month = (n: number) => String((n % 12) + 1).padStart(2, '0');
const day = (n: number) => String((n % 28) + 1).padStart(2, '0');

async function versionOf(app: NestFastifyApplication, headers: AuthHeaders, caseId: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers });
  if (res.statusCode !== 200) throw new Error(`GET ${caseId} answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { version: number }).version;
}

function post(app: NestFastifyApplication, headers: AuthHeaders, caseId: string, body: object) {
  return app.inject({
    method: 'POST',
    url: `/v1/cases/${caseId}/events`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
}
