import { extname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts one of the store's threads (`<name>.js` next to this file). Run from TypeScript sources
 * (tsx, jest), the thread registers tsx itself first: a worker does not inherit its parent's module hooks.
 */
export function startThread(name: 'writer-thread' | 'reader-thread', workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `${name}${extension}`);
  if (extension === '.js') return new Worker(entry, { workerData, resourceLimits });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}
