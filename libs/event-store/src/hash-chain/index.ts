export { canonicalize } from './canonical';
export { canonicalEventText, eventHash, GENESIS_HASH, hashMatches, type HashedFields } from './event-hash';
export {
  ChainVerifier,
  DEFAULT_LOOKAHEAD,
  type ChainBreak,
  type ChainRecord,
  type ChainStart,
  type ChainVerification,
} from './chain-verifier';
export {
  parsePinnedHead,
  PinnedCheck,
  verifyChain,
  type ChainedEvent,
  type ChainReport,
  type PinnedHead,
  type VerifyChainOptions,
} from './verify-chain';
export { verifyStoreChain } from './verify-store-chain';
export { chainUnhashedRows, verifyHashChain, verifySqliteChain, verifySqliteChainFile, type SqliteChainOptions } from './sqlite-chain';
