import type { FollowerLagSource } from '@fristvakt/observability';
import { notification, startOpsApp, type OpsApp } from './ops-app';

/** Stands in for the projections runner: applies the log only when the test says so. */
class FakeFollower implements FollowerLagSource {
  position = 0;
  constructor(private readonly store: OpsApp['store']) {}
  async lag() {
    const headPosition = await this.store.headPosition();
    return { position: this.position, headPosition, behind: headPosition - this.position };
  }
  async catchUp() {
    this.position = await this.store.headPosition();
  }
}

describe('health: liveness and readiness', () => {
  let t: OpsApp;
  beforeEach(async () => {
    t = await startOpsApp({ readyMaxLagEvents: 2 });
  });
  afterEach(() => t.close());

  const ready = () => t.app.inject({ method: 'GET', url: '/health/ready' });

  it('is live and, with only the store registered, ready; /health is the same answer', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const answer = await ready();
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'ok' });
    expect(answer.json().components).toContainEqual({ name: 'store', ready: true });
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual(answer.json());
  });

  it('is not ready until a registered follower has caught up with the store, then ready', async () => {
    const follower = new FakeFollower(t.store);
    t.health.registerFollower('fake-follower', follower);
    for (let i = 0; i < 4; i++)
      expect((await t.post(`ready-${i}`, { expectedVersion: 0, events: [notification('n1')] })).statusCode).toBe(201);
    t.clock.advance(30_000);

    const behind = await ready();
    expect(behind.statusCode).toBe(503);
    expect(behind.json().status).toBe('unavailable');
    expect(behind.json().components).toEqual(
      expect.arrayContaining([
        { name: 'store', ready: true },
        { name: 'fake-follower', ready: false, lagEvents: 4, lagSeconds: 30, maxLagEvents: 2 },
      ]),
    );

    follower.position = 2; // within FRISTVAKT_READY_MAX_LAG_EVENTS
    expect((await ready()).statusCode).toBe(200);

    await follower.catchUp();
    const caughtUp = await ready();
    expect(caughtUp.statusCode).toBe(200);
    expect(caughtUp.json().components).toContainEqual({
      name: 'fake-follower',
      ready: true,
      lagEvents: 0,
      lagSeconds: 0,
      maxLagEvents: 2,
    });
  });

  it('is not ready while any component fails or does not answer, and names it', async () => {
    const remove = t.health.register({
      name: 'kafka-intake',
      check: () => {
        throw new Error('broker unreachable');
      },
    });
    const answer = await ready();
    expect(answer.statusCode).toBe(503);
    expect(answer.json().components).toContainEqual({ name: 'kafka-intake', ready: false, error: 'broker unreachable' });
    remove();
    expect((await ready()).statusCode).toBe(200);
  });

  it('is not ready when the store does not answer', async () => {
    await t.store.close();
    const answer = await ready();
    expect(answer.statusCode).toBe(503);
    expect(answer.json().components).toContainEqual(expect.objectContaining({ name: 'store', ready: false }));
  });

  it('stops being ready as soon as shutdown begins', async () => {
    t.health.beginShutdown();
    const answer = await ready();
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toMatchObject({ status: 'unavailable', shuttingDown: true });
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
