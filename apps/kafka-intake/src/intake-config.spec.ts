import { loadIntakeSettings } from './intake-config';

describe('loadIntakeSettings', () => {
  const problemsOf = (env: Record<string, string>) => {
    const problems: string[] = [];
    loadIntakeSettings(env, problems);
    return problems;
  };

  it('reads the upstream system, its municipalities and the group', () => {
    expect(
      loadIntakeSettings({ FRISTVAKT_INTAKE_SUBJECT: 'kafka-intake:fagsystem-a', FRISTVAKT_INTAKE_MUNICIPALITIES: ' 3201, 3203,3201 ' }),
    ).toEqual({
      subject: 'kafka-intake:fagsystem-a',
      municipalities: new Set(['3201', '3203']),
      groupId: 'fristvakt-kafka-intake',
    });
  });

  it('takes every municipality only from an explicit *', () => {
    expect(loadIntakeSettings({ FRISTVAKT_INTAKE_SUBJECT: 'a', FRISTVAKT_INTAKE_MUNICIPALITIES: '*' }).municipalities).toBe('*');
  });

  it('has no default for the subject or the municipalities: an unconfigured intake does not start', () => {
    expect(problemsOf({})).toEqual([
      expect.stringContaining('FRISTVAKT_INTAKE_SUBJECT is required with the intake'),
      expect.stringContaining('FRISTVAKT_INTAKE_MUNICIPALITIES is required with the intake'),
    ]);
    expect(problemsOf({ FRISTVAKT_INTAKE_SUBJECT: 'a', FRISTVAKT_INTAKE_MUNICIPALITIES: ' , ' })).toEqual([
      expect.stringContaining('FRISTVAKT_INTAKE_MUNICIPALITIES is required'),
    ]);
  });

  it.each([
    ['a code that is not four digits', '3201,301', 'entries must be 4-digit kommunenummer or *, got "301"'],
    ['* among codes', '3201,*', 'must be * alone or a list of kommunenummer'],
  ])('refuses %s', (_name, municipalities, problem) => {
    expect(problemsOf({ FRISTVAKT_INTAKE_SUBJECT: 'a', FRISTVAKT_INTAKE_MUNICIPALITIES: municipalities })).toEqual([
      expect.stringContaining(problem),
    ]);
  });
});
