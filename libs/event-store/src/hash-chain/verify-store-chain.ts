import { canVerifyChain, type EventStore, type StoredEvent } from '../event-store.port';
import { verifyChain, type ChainReport, type VerifyChainOptions } from './verify-chain';

const PAGE = 5_000;

/**
 * Verifies a store's hash chain up to its head when verification starts: through the adapter's own
 * {@link ChainVerifying} capability where it has one, else over the port's events page by page.
 */
export async function verifyStoreChain(store: EventStore, options: VerifyChainOptions = {}): Promise<ChainReport> {
  if (canVerifyChain(store)) return store.verifyChain(options);
  return verifyChain(pages(store, await store.headPosition()), options);
}

async function* pages(store: EventStore, upTo: number): AsyncGenerator<StoredEvent[]> {
  let after = 0;
  while (after < upTo) {
    const page = await store.readAll(after, Math.min(PAGE, upTo - after));
    if (page.length === 0) return;
    after = page[page.length - 1].position;
    yield page;
  }
}
