import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Clock } from '../tokens';
import { AccessPolicy } from './access-policy';
import { AuthGuard } from './auth.guard';
import type { AuthConfig } from './security-config';
import { TokenVerifier } from './token-verifier';

/**
 * Bearer-token authentication and role/municipality authorization. Global, so any controller
 * can inject `AccessPolicy`; the guard applies to every route of the app.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, dataDir: string, clock: Clock): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        // Built here, not lazily, so a missing or unreadable secret stops the start, not the first request.
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config, dataDir, clock) },
        AccessPolicy,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, AccessPolicy],
    };
  }
}
