import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../http/problem';
import { Allow } from './allow.decorator';
import { AuthGuard } from './auth.guard';
import { attachAuthentication, type Principal } from './principal';

@Controller('v1/things')
class ThingsController {
  @Get()
  @Allow('leader')
  declared(): void {}

  @Get('new')
  undeclared(): void {}
}

@Controller('health')
class OpsController {
  @Get()
  open(): void {}
}

const leader: Principal = { subject: 's', roles: new Set(['leader']), municipalities: new Set(['3201']) };

function run(handler: () => void, cls: object, url: string, principal?: Principal): boolean | ProblemException {
  const request = { url, routeOptions: { url }, method: 'GET' };
  if (principal) attachAuthentication(request, { ok: true, principal });
  const reply = { header: () => reply };
  const context = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  try {
    return new AuthGuard(new Reflector()).canActivate(context);
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

const status = (outcome: boolean | ProblemException) => (outcome instanceof ProblemException ? outcome.problem.status : outcome);

describe('AuthGuard', () => {
  const proto = ThingsController.prototype;

  it('lets a declared role through', () => {
    expect(run(proto.declared, ThingsController, '/v1/things', leader)).toBe(true);
  });

  it('refuses a /v1 route without @Allow for every role (closed by default)', () => {
    const all: Principal = { ...leader, roles: new Set(['intake', 'leader', 'auditor', 'admin']) };
    expect(status(run(proto.undeclared, ThingsController, '/v1/things/new', all))).toBe(403);
  });

  it('asks for a token before saying anything about roles', () => {
    expect(status(run(proto.undeclared, ThingsController, '/v1/things/new'))).toBe(401);
    expect(status(run(proto.declared, ThingsController, '/v1/things'))).toBe(401);
  });

  it('leaves undeclared routes outside /v1 open', () => {
    expect(run(OpsController.prototype.open, OpsController, '/health')).toBe(true);
  });
});
