import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from './app-config';
import { CONFIG_DOC, renderConfigTable } from './config-doc';

const ROOT = resolve(__dirname, '../../../..');

describe('CONFIG_DOC', () => {
  const page = readFileSync(resolve(ROOT, 'docs/configuration.md'), 'utf8');

  it('is the table in docs/configuration.md', () => {
    expect(page).toContain(renderConfigTable());
  });

  it('documents exactly the variables loadConfig reads', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    loadConfig(env);
    expect([...read].sort()).toEqual(CONFIG_DOC.map((e) => e.name).sort());
  });

  it('names each variable in docs/configuration.md', () => {
    for (const { name } of CONFIG_DOC) expect(page).toContain(`\`${name}\``);
  });
});
