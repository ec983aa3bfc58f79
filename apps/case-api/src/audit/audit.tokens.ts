/** The access log (a store of its own, apart from the case log). */
export const ACCESS_LOG = Symbol('ACCESS_LOG');
