import { intakeEventIds } from './intake-event-ids';

describe('intakeEventIds', () => {
  it('is the same sequence for the same case and bytes, and differs otherwise', () => {
    const value = Buffer.from('{"caseId":"c-1"}');
    const a = intakeEventIds('c-1', value);
    const b = intakeEventIds('c-1', value);
    const first = [a(), a()];
    expect([b(), b()]).toEqual(first);
    expect(first[0]).not.toBe(first[1]);
    expect(intakeEventIds('c-2', value)()).not.toBe(first[0]);
    expect(intakeEventIds('c-1', Buffer.from('{"caseId":"c-1" }'))()).not.toBe(first[0]);
  });

  it('makes RFC 4122 version 5 UUIDs', () => {
    expect(intakeEventIds('c-1', Buffer.from('x'))()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
