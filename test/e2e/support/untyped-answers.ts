/**
 * The kit's GraphQL helpers (@vinculo/common/testing) with answers read untyped, for the test files
 * written before the kit typed them. The kit answers `unknown` unless the caller names the answer's
 * type (or uses a @vinculo/client operation); these files still read answers as `any`. Each `any`
 * here is the tests' rule (a lint warning): a file is typed by importing from the kit instead and
 * naming its answers, and this module goes when no file imports it.
 */
import { execute as typedExecute, ok as typedOk, okOnceKnown as typedOkOnceKnown, type GraphQLResponse } from '@vinculo/common/testing';

type Variables = Record<string, unknown>;

/** `execute` whose data is `any` unless typed. */
export const execute: <T = any>(query: string, variables?: Variables, opts?: Parameters<typeof typedExecute>[2]) => Promise<GraphQLResponse<T>> = typedExecute;

/** `ok` whose data is `any`. */
export const ok: (token: string, query: string, variables?: Variables) => Promise<any> = typedOk;

/** `okOnceKnown` whose data is `any`. */
export const okOnceKnown: (token: string, query: string, variables?: Variables, opts?: Parameters<typeof typedOkOnceKnown>[3]) => Promise<any> =
  typedOkOnceKnown;
