import { SignJWT } from 'jose';
import { ALL_MUNICIPALITIES } from './principal';
import type { Role } from './roles';
import type { AuthConfig } from './security-config';

export interface EmbeddedTokenRequest {
  subject: string;
  roles: readonly Role[];
  /** kommunenummer, or `*` */
  municipalities: readonly string[];
  /** lifetime in seconds */
  ttlSeconds: number;
  now?: Date;
}

/** A token for the embedded setup, with the claim names the server is configured to read. */
export async function mintEmbeddedToken(
  config: Extract<AuthConfig, { mode: 'embedded' }>,
  secret: Uint8Array,
  request: EmbeddedTokenRequest,
): Promise<string> {
  const now = Math.floor((request.now ?? new Date()).getTime() / 1000);
  const municipalities = request.municipalities.includes(ALL_MUNICIPALITIES) ? [ALL_MUNICIPALITIES] : [...request.municipalities];
  return new SignJWT({ [config.rolesClaim]: [...request.roles], [config.municipalitiesClaim]: municipalities })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + request.ttlSeconds)
    .sign(secret);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `8h`, `7d` in seconds, or undefined when it is none of these. */
export function parseTtl(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd]?)$/.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] || 's'];
  return seconds > 0 ? seconds : undefined;
}
