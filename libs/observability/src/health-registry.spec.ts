import { HealthRegistry } from './health-registry';

/** A log whose positions are byte offsets, as on EventStoreDB: 3 events at 4096, 4700, 5300. */
const sparseLog = [
  { position: 4096, recordedAt: '2024-06-01T12:00:00Z' },
  { position: 4700, recordedAt: '2024-06-01T12:00:01Z' },
  { position: 5300, recordedAt: '2024-06-01T12:00:02Z' },
];
const store = {
  readAll: async (after: number, limit: number) => sparseLog.filter((e) => e.position > after).slice(0, limit),
  countAfter: async (after: number, limit: number) => Math.min(sparseLog.filter((e) => e.position > after).length, limit),
};
const follower = (position: number) => ({ lag: async () => ({ position, headPosition: 5300, behind: 5300 - position }) });
const now = () => Date.parse('2024-06-01T12:00:10Z');

describe('HealthRegistry followers', () => {
  it('counts lag in events through the store, not as the distance between sparse positions', async () => {
    const registry = new HealthRegistry({ store, maxLagEvents: 2, now });
    registry.registerFollower('projections', follower(4096));
    const { status, components } = await registry.check();
    expect(status).toBe('ok');
    expect(components[0]).toMatchObject({ ready: true, position: 4096, headPosition: 5300, lagEvents: 2, lagSeconds: 9 });
  });

  it('is not ready beyond the threshold, and caught up is 0 without asking the store', async () => {
    const registry = new HealthRegistry({ store, maxLagEvents: 2, now });
    registry.registerFollower('behind', follower(0));
    registry.registerFollower('caught-up', follower(5300));
    const { components } = await registry.check();
    expect(components).toEqual([
      expect.objectContaining({ name: 'behind', ready: false, lagEvents: 3 }),
      expect.objectContaining({ name: 'caught-up', ready: true, lagEvents: 0, lagSeconds: 0 }),
    ]);
  });

  it('falls back to the position difference for a store that cannot count', async () => {
    const registry = new HealthRegistry({ store: { readAll: store.readAll }, maxLagEvents: 1000, now });
    registry.registerFollower('projections', follower(4096));
    expect((await registry.check()).components[0]).toMatchObject({ lagEvents: 1204 });
  });
});
