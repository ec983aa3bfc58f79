/** The roles of CONTRACT.md §2 "Who". `admin` is no superuser: it reads and writes no case data. */
export const ROLES = ['intake', 'leader', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const KNOWN: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN.has(value);
}
