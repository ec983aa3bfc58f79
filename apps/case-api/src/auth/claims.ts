import type { JWTPayload } from 'jose';
import { containsNationalIdentityNumber } from '@fristvakt/case-recording';
import { ALL_MUNICIPALITIES, type Principal } from './principal';
import { isRole, type Role } from './roles';

const MUNICIPALITY = /^\d{4}$/;
const SUBJECT = /^[\x21-\x7e]{1,256}$/;

export interface ClaimNames {
  rolesClaim: string;
  municipalitiesClaim: string;
}

/**
 * The principal a verified token describes, or undefined when its claims cannot be trusted to
 * mean what we need: a subject that would be written into the log as is, and municipalities we
 * can scope by. Role names this API does not know are ignored (providers carry other apps' roles).
 */
export function principalFromClaims(payload: JWTPayload, names: ClaimNames): Principal | undefined {
  const subject = payload.sub;
  // `sub` becomes recordedBy in an event log that cannot be scrubbed (DOMAIN.md §6).
  if (typeof subject !== 'string' || !SUBJECT.test(subject) || containsNationalIdentityNumber(subject)) return undefined;

  const rolesValue = claim(payload, names.rolesClaim);
  const roleNames = rolesValue === undefined ? [] : listOf(rolesValue);
  if (roleNames === undefined) return undefined;
  const roles = new Set<Role>(roleNames.filter(isRole));

  const municipalitiesValue = claim(payload, names.municipalitiesClaim);
  const codes = municipalitiesValue === undefined ? [] : listOf(municipalitiesValue);
  if (codes === undefined || !codes.every((c) => c === ALL_MUNICIPALITIES || MUNICIPALITY.test(c))) return undefined;
  const municipalities = codes.includes(ALL_MUNICIPALITIES) ? ALL_MUNICIPALITIES : new Set(codes);
  return { subject, roles, municipalities };
}

/** A top-level claim by its full name first (Entra's names contain dots), else a dotted path. */
function claim(payload: JWTPayload, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim holding a list: a JSON array of strings, or one string with space-separated values. */
function listOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}
