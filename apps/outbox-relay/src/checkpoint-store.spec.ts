import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointFileError, FileCheckpointStore } from './checkpoint-store';

describe('FileCheckpointStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fristvakt-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is 0 before the first save, then the last saved position, leaving no temporary file', async () => {
    const store = new FileCheckpointStore(join(dir, 'sub', 'relay.json'));
    expect(await store.load()).toBe(0);
    await store.save(41);
    await store.save(42);
    expect(await new FileCheckpointStore(join(dir, 'sub', 'relay.json')).load()).toBe(42);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['relay.json']);
  });

  it('refuses to guess from an unreadable file', async () => {
    const path = join(dir, 'relay.json');
    writeFileSync(path, '{"position": "soon"}');
    await expect(new FileCheckpointStore(path).load()).rejects.toBeInstanceOf(CheckpointFileError);
  });
});
