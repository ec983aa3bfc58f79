import { ChainVerifier, type ChainRecord } from './chain-verifier';
import { eventHash, GENESIS_HASH } from './event-hash';
import { parsePinnedHead, verifyChain } from './verify-chain';

function chain(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let position = 1; position <= n; position++) {
    const fields = {
      eventId: `e${position}`,
      streamId: `case-${position % 3}`,
      version: Math.ceil(position / 3),
      position,
      type: 'T',
      data: JSON.stringify({ n: position }),
      metadata: '{}',
      recordedAt: '2024-01-01T00:00:00.000Z',
      recordedBy: 'u',
    };
    const hash = eventHash(fields, prevHash);
    out.push({ ...fields, hash, prevHash });
    prevHash = hash;
  }
  return out;
}

function verify(records: ChainRecord[]) {
  const verifier = new ChainVerifier();
  for (const r of records) verifier.push(r);
  return verifier.finish();
}

describe('ChainVerifier', () => {
  it('verifies an intact log and reports its head; an empty log is the genesis', () => {
    const log = chain(10);
    expect(verify(log)).toEqual({ ok: true, count: 10, headPosition: 10, headHash: log[9].hash });
    expect(verify([])).toEqual({ ok: true, count: 0, headPosition: 0, headHash: GENESIS_HASH });
  });

  it('reports a changed field, hash or prev_hash as changed at that position', () => {
    for (const change of [
      { data: '{"n":99}' },
      { recordedBy: 'x' },
      { hash: 'a'.repeat(64) },
      { prevHash: 'b'.repeat(64) },
      { hash: null },
    ]) {
      const log = chain(10);
      log[4] = { ...log[4], ...change };
      expect(verify(log)).toMatchObject({ ok: false, count: 4, brokenAt: 5, reason: 'changed' });
    }
  });

  it('reports a deleted event as missing, whether the gap stays or later events were renumbered', () => {
    const log = chain(10);
    expect(verify([...log.slice(0, 4), ...log.slice(5)])).toMatchObject({ ok: false, brokenAt: 5, reason: 'missing' });
    const rest = log.slice(5).map((r) => ({ ...r, position: r.position - 1 }));
    // renumbered rows no longer hash (the position is hashed), but their link names the removed event
    expect(verify([...log.slice(0, 4), ...rest])).toMatchObject({ ok: false, brokenAt: 5, reason: 'changed' });
  });

  it('reports swapped events as reordered at the first of them, adjacent or not', () => {
    for (const [a, b] of [
      [3, 4],
      [2, 7],
    ]) {
      const log = chain(10);
      const swapped = [...log];
      swapped[a] = { ...log[b], position: log[a].position };
      swapped[b] = { ...log[a], position: log[b].position };
      expect(verify(swapped)).toMatchObject({ ok: false, count: a, brokenAt: a + 1, reason: 'reordered' });
    }
  });

  it('reports positions that do not increase as reordered', () => {
    const log = chain(5);
    expect(verify([log[0], log[1], log[1]])).toMatchObject({ ok: false, brokenAt: 2, reason: 'reordered' });
  });

  it('checks a pinned head: the log must still hold that hash at that position', async () => {
    const log = chain(10);
    const pin = { position: 6, hash: log[5].hash as string };
    await expect(verifyChain(log, { expectHead: pin })).resolves.toMatchObject({ ok: true, count: 10, pinned: { ok: true } });
    await expect(verifyChain(log.slice(0, 4), { expectHead: pin })).resolves.toMatchObject({ ok: false, brokenAt: 6, reason: 'missing' });
    const rewritten = chain(10).map((r) => ({ ...r }));
    rewritten[2].data = '{"n":42}';
    let prevHash = rewritten[1].hash as string;
    for (const r of rewritten.slice(2)) {
      r.prevHash = prevHash;
      r.hash = eventHash(r, prevHash);
      prevHash = r.hash;
    }
    await expect(verifyChain(rewritten)).resolves.toMatchObject({ ok: true });
    await expect(verifyChain(rewritten, { expectHead: pin })).resolves.toMatchObject({
      ok: false,
      brokenAt: 6,
      reason: 'changed',
      pinned: { ok: false },
    });
  });

  it('parses <hash>@<position>', () => {
    expect(parsePinnedHead(`${'ab'.repeat(32)}@17`)).toEqual({ hash: 'ab'.repeat(32), position: 17 });
    expect(() => parsePinnedHead('abc@1')).toThrow(/64 hex/);
  });
});
