import type { PipeTransform } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { invalidInput, problemSummary, type ProblemError } from './problem';

/** The query string as Fastify parsed it: a repeated parameter is an array. */
export type RawQuery = Record<string, unknown>;

/** A query-string name as the OpenAPI document shows it. */
export interface QueryParamDoc {
  name: string;
  description?: string;
  enum?: string[];
  /** the pipe refuses a request without it */
  required?: boolean;
}

/**
 * One declared query parameter (or a group read together, such as `period` or `from`/`to`): how it
 * is read — the value, its default when absent, or a problem naming the parameter — and how the
 * OpenAPI document shows it.
 */
export interface QueryParam<T> {
  read(query: RawQuery, errors: ProblemError[]): T;
  /** one entry per query-string name the reader takes; the names are the ones a request may use */
  docs: QueryParamDoc[];
}

/** A route family's parameters, declared once: the pipe reads them, `ApiQueryParams` documents them. */
export type QueryParams = Record<string, QueryParam<unknown>>;

/** What a declaration reads to: `ParamsOf<typeof DEADLINE_PARAMS>`. */
export type ParamsOf<D extends QueryParams> = { [K in keyof D]: ReturnType<D[K]['read']> };

/**
 * Reads a declared family of query parameters into a typed object, or answers 400 naming every bad
 * parameter at once. Unknown parameters are refused: a typo (`perod=2024`) must not silently give
 * another figure.
 *
 * @example
 *   deadlines(@Query(new QueryParamsPipe(DEADLINE_PARAMS)) params: DeadlinesParams) { … }
 */
export class QueryParamsPipe<D extends QueryParams> implements PipeTransform<unknown, ParamsOf<D>> {
  private readonly known: readonly string[];

  constructor(private readonly declared: D) {
    this.known = Object.values(declared).flatMap((param) => param.docs.map((doc) => doc.name));
  }

  transform(value: unknown): ParamsOf<D> {
    const query: RawQuery = typeof value === 'object' && value !== null ? (value as RawQuery) : {};
    const errors: ProblemError[] = [];
    for (const name of Object.keys(query)) {
      if (!this.known.includes(name))
        errors.push({ parameter: name, detail: `unknown query parameter; known: ${this.known.join(', ') || 'none'}` });
    }
    const params = Object.fromEntries(Object.entries(this.declared).map(([key, param]) => [key, param.read(query, errors)])) as ParamsOf<D>;
    if (errors.length > 0) throw invalidInput(problemSummary(errors), errors);
    return params;
  }
}

/** `@ApiQuery` for every declared parameter, so the document lists exactly what the pipe reads. */
export function ApiQueryParams(declared: QueryParams): MethodDecorator {
  const decorators = Object.values(declared).flatMap((param) => param.docs.map((doc) => ApiQuery({ required: false, ...doc })));
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}

/** Declares one parameter: its OpenAPI entry (or entries, for a group) and its reader. */
export function queryParam<T>(docs: QueryParamDoc | QueryParamDoc[], read: (query: RawQuery, errors: ProblemError[]) => T): QueryParam<T> {
  return { read, docs: Array.isArray(docs) ? docs : [docs] };
}
