import { TOPICS, type MessageProducer } from '@fristvakt/messaging';
import { loadConfig } from '../../apps/case-api/src/config/app-config';
import { startTestApp, type TestApp } from '../case-api/harness';
import { authHeaders } from '../support/auth';
import { cloudEventProblems } from './cloud-events';
import { Collector, testMessaging } from './collector';
import { startMockBroker, type MockBroker } from './mock-broker';
import { describeWithTool } from '../support/system-tools';

describeWithTool('kcat', 'case-api with KAFKA_BROKERS and FRISTVAKT_KAFKA_INTAKE=true', () => {
  let broker: MockBroker;
  let api: TestApp;
  let producer: MessageProducer;
  let events: Collector;
  /** /metrics carries counts per municipality: an admin (scraper) token reads it. */
  const scraper = () => authHeaders(api.app, { roles: ['admin'], municipalities: [] });

  beforeAll(async () => {
    broker = await startMockBroker();
    const { kafka } = loadConfig({
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_ID: 'embedded-test',
      KAFKA_REQUEST_TIMEOUT_MS: '2000',
      KAFKA_LOG_LEVEL: 'nothing',
      FRISTVAKT_KAFKA_INTAKE: 'true',
      FRISTVAKT_INTAKE_SUBJECT: 'kafka-intake:upstream-a',
      FRISTVAKT_INTAKE_MUNICIPALITIES: '4601',
    });
    api = await startTestApp({ kafka });
    const messaging = testMessaging(broker.bootstrap);
    producer = messaging.producer();
    events = new Collector(messaging, TOPICS.caseEvents);
    await events.start();
  });

  afterAll(async () => {
    await events.stop();
    await producer.disconnect();
    await api.close();
    await broker.stop();
  });

  it('records an intake message and publishes it on the case-events topic, and reports both in readiness', async () => {
    const eventId = '00000000-0000-4000-8000-00000000e001';
    const body = {
      caseId: 'c-embedded',
      expectedVersion: 0,
      events: [
        {
          eventId,
          type: 'NotificationReceived',
          occurredAt: '2024-03-01T10:15:00+01:00',
          data: { notificationId: 'n1', municipality: '4601', reporters: ['11'] },
        },
      ],
    };
    await producer.send(TOPICS.caseIntake, [{ key: body.caseId, value: Buffer.from(JSON.stringify(body)) }]);

    await events.waitUntil((m) => m.some((x) => x.headers.ce_id === eventId), 60_000, 'the intake event on the case-events topic');
    const published = events.messages.find((x) => x.headers.ce_id === eventId)!;
    expect(published.headers).toMatchObject({
      ce_source: '/fristvakt/municipalities/4601',
      ce_subject: 'c-embedded',
      ce_partitionkey: 'c-embedded',
    });
    expect(cloudEventProblems(events.messages)).toEqual([]);
    expect(JSON.parse(published.value)).toMatchObject({ caseId: 'c-embedded', version: 1, recordedBy: 'kafka-intake:upstream-a' });

    // positions and counts are for operators: an admin token sees them, an anonymous probe does not
    const ready = await api.app.inject({ method: 'GET', url: '/health/ready', headers: await scraper() });
    const components = (ready.json() as { components: Array<{ name: string; ready: boolean; [k: string]: unknown }> }).components;
    expect(components.find((c) => c.name === 'kafka-relay')).toMatchObject({ ready: true, connected: true, position: 1, lag: 0 });
    expect(components.find((c) => c.name === 'kafka-intake')).toMatchObject({ ready: true, joined: true, appended: 1 });
    const probe = (await api.app.inject({ method: 'GET', url: '/health/ready' })).json() as { components: Array<{ name: string }> };
    expect(probe.components.find((c: { name: string }) => c.name === 'kafka-relay')).toEqual(
      expect.objectContaining({ ready: true, connected: true, lag: 0 }),
    );
    expect(JSON.stringify(probe)).not.toMatch(/position|checkpoint|appended|publishedEvents/i);
  });

  it('counts what the intake records in the same write metrics as HTTP', async () => {
    const appendedEvents = async () => {
      const res = await api.app.inject({ method: 'GET', url: '/metrics', headers: await scraper() });
      const line = res.body.split('\n').find((l) => l.startsWith('fristvakt_appended_events_total '));
      return Number(line?.split(' ')[1]);
    };
    const before = await appendedEvents();
    const eventIds = ['00000000-0000-4000-8000-00000000e101', '00000000-0000-4000-8000-00000000e102'];
    const body = {
      caseId: 'c-1003',
      expectedVersion: 0,
      events: [
        {
          eventId: eventIds[0],
          type: 'NotificationReceived',
          occurredAt: '2024-03-01T10:15:00+01:00',
          data: { notificationId: 'n1', municipality: '4601', reporters: ['11'] },
        },
        {
          eventId: eventIds[1],
          type: 'InvestigationOpened',
          occurredAt: '2024-03-04',
          data: { investigationId: 'u1', notificationId: 'n1' },
        },
      ],
    };
    await producer.send(TOPICS.caseIntake, [{ key: body.caseId, value: Buffer.from(JSON.stringify(body)) }]);
    await events.waitUntil(
      (m) => m.some((x) => x.headers.ce_id === eventIds[1]),
      60_000,
      'the counted intake events on the case-events topic',
    );

    expect(before).toBeGreaterThanOrEqual(0);
    expect(await appendedEvents()).toBe(before + 2);
  });

  it('dead-letters a case of a municipality outside FRISTVAKT_INTAKE_MUNICIPALITIES and counts it by the topic it came from', async () => {
    const body = {
      caseId: 'c-9301',
      events: [
        { type: 'NotificationReceived', occurredAt: '2024-03-01', data: { notificationId: 'n1', municipality: '0301', reporters: ['11'] } },
      ],
    };
    const dlq = new Collector(testMessaging(broker.bootstrap), TOPICS.caseIntakeDeadLetters);
    await dlq.start();
    try {
      await producer.send(TOPICS.caseIntake, [{ key: body.caseId, value: Buffer.from(JSON.stringify(body)) }]);
      await dlq.waitUntil((m) => m.some((x) => x.key === body.caseId), 60_000, 'the refused message on the DLQ');
    } finally {
      await dlq.stop();
    }
    const letter = dlq.messages.find((x) => x.key === body.caseId)!;
    expect(letter.headers).toMatchObject({
      'error-status': '403',
      'error-detail': expect.stringContaining('municipality 0301 is not one this intake may write'),
    });
    expect(await api.store.readStream('case-c-9301')).toEqual([]);
    const metrics = await api.app.inject({ method: 'GET', url: '/metrics', headers: await scraper() });
    expect(metrics.body).toContain(`fristvakt_dlq_messages_total{topic="${TOPICS.caseIntake}",reason="403"} 1`);
  });
});
