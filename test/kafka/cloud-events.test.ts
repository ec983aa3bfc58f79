import { caseEventMessage } from '../../apps/outbox-relay/src/case-event-message';
import { cloudEventProblems } from './cloud-events';
import type { Received } from './collector';

const event = {
  eventId: '3f0c6f2e-5a1b-4c7d-9e8f-0a1b2c3d4e5f',
  type: 'InvestigationOpened' as const,
  occurredAt: '2024-02-02',
  data: { investigationId: 'u1', notificationId: 'n1' },
  caseId: 'c-1',
  version: 2,
  position: 17,
  recordedAt: '2024-02-02T09:00:00.000Z',
  recordedBy: 'intake-1',
  schemaVersion: 1,
};

function asReceived(headers: Record<string, string>): Received {
  const message = caseEventMessage(event, '3201');
  return {
    key: String(message.key),
    value: message.value.toString(),
    nullValue: false,
    headers: { ...(message.headers as Record<string, string>), ...headers },
    partition: 0,
    offset: '0',
  };
}

describe('the CloudEvents check of the Kafka suites', () => {
  it('accepts a message as the relay writes it', () => {
    expect(cloudEventProblems([asReceived({})])).toEqual([]);
  });

  it('refuses what the SDK or CloudEvents 1.0 refuses', () => {
    const problems = cloudEventProblems([
      asReceived({ ce_specversion: '0.3' }),
      asReceived({ ce_source: '' }),
      asReceived({ ce_partitionkey: 'c-2' }),
      asReceived({ ce_id: 'another-id' }),
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('specversion 0.3');
    expect(problems[2]).toContain('ce_partitionkey');
    expect(problems[3]).toContain("not the body's eventId");
  });
});
