/** The access log (a store of its own, apart from the case log). */
export const ACCESS_LOG = Symbol('ACCESS_LOG');

/** Route metadata set by `@LogAccess`: the action name its access-log entries carry. */
export const LOGGED_ACCESS = Symbol('fristvakt:logged-access');
