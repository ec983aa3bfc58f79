import { FristvaktMetrics } from './metrics';

describe('FristvaktMetrics', () => {
  it('registers lag and deadline gauges only once a source exists, and reads them at scrape time', async () => {
    const metrics = new FristvaktMetrics({ defaultMetrics: false });
    const before = await metrics.render();
    expect(before).not.toContain('fristvakt_lag_events');
    expect(before).not.toContain('fristvakt_deadlines_open');
    expect(before).toContain('# TYPE fristvakt_dlq_messages_total counter');

    let behind = 7;
    const remove = metrics.addLagSource('projections', async () => ({ events: behind, seconds: 1.5 }));
    let counts = [{ municipality: '3201', kind: 'review', open: 4, overdue: 1 }];
    metrics.setDeadlineSource(() => counts);
    let text = await metrics.render();
    expect(text).toContain('fristvakt_lag_events{component="projections"} 7');
    expect(text).toContain('fristvakt_lag_seconds{component="projections"} 1.5');
    expect(text).toContain('fristvakt_deadlines_open{municipality="3201",kind="review"} 4');
    expect(text).toContain('fristvakt_deadlines_overdue{municipality="3201",kind="review"} 1');

    behind = 0;
    counts = [{ municipality: '0301', kind: 'investigation', open: 2, overdue: 0 }];
    text = await metrics.render();
    expect(text).toContain('fristvakt_lag_events{component="projections"} 0');
    expect(text).not.toContain('municipality="3201"');
    expect(text).toContain('fristvakt_deadlines_open{municipality="0301",kind="investigation"} 2');

    remove();
    expect(await metrics.render()).not.toContain('component="projections"');
  });

  it('leaves out a follower whose lag cannot be read rather than showing a wrong value', async () => {
    const metrics = new FristvaktMetrics({ defaultMetrics: false });
    metrics.addLagSource('relay', async () => {
      throw new Error('store closed');
    });
    metrics.addLagSource('projections', async () => ({ events: 3, seconds: 0 }));
    const text = await metrics.render();
    expect(text).not.toContain('component="relay"');
    expect(text).toContain('fristvakt_lag_events{component="projections"} 3');
  });
});
