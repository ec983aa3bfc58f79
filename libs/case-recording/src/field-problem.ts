/** One offending field: an RFC 6901 JSON pointer into the request body and why it was refused. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

/** RFC 6901 escaping, so keys containing `/` or `~` still point at the right member. */
export function pointerTo(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
