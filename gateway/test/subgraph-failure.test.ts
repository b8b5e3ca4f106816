import { GraphQLError } from 'graphql';
import { formatError } from '@vinculo/common';
import { SubgraphTimeoutError } from '../src/subgraphs/fetcher';
import { classifySubgraphFailure, dedupeSubgraphFailures, formatSubgraphFailure, subgraphRefusal, SubgraphUnavailableError } from '../src/subgraphs/failure';

/** An error carrying a subgraph's non-2xx answer (the shape @apollo/gateway gives such errors). */
function statusError(status: number, body: unknown): GraphQLError {
  return new GraphQLError(`${status}: status text`, {
    extensions: { response: { url: 'http://10.0.0.7:4005/graphql', status, statusText: 'status text', body } },
  });
}

function connectionRefused(): Error {
  // A fetch error for a dead process: the message holds the address.
  return Object.assign(new Error('request to http://10.0.0.7:4005/graphql failed, reason: connect ECONNREFUSED 10.0.0.7:4005'), {
    name: 'FetchError',
    code: 'ECONNREFUSED',
  });
}

/** No address, port, network error text or stack in what a client is sent. */
function expectNoInternals(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/10\.0\.0\.7|4005|https?:|ECONN|FetchError|stack|\bat \w/);
}

describe('classifySubgraphFailure', () => {
  it('says unreachable when no HTTP answer came (connection refused or reset)', () => {
    expect(classifySubgraphFailure(connectionRefused(), undefined)).toBe('unreachable');
  });

  it('says timeout for the fetcher deadline, also when it hits while the body arrives', () => {
    expect(classifySubgraphFailure(new SubgraphTimeoutError('http://x/graphql', 10), undefined)).toBe('timeout');
    expect(classifySubgraphFailure(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }), 200)).toBe('timeout');
  });

  it('says bad_status for a non-2xx answer and bad_response for a 2xx that is not a GraphQL response', () => {
    expect(classifySubgraphFailure(statusError(503, 'Service Unavailable'), 503)).toBe('bad_status');
    expect(classifySubgraphFailure(statusError(500, { errors: [] }), 500)).toBe('bad_status');
    expect(classifySubgraphFailure(new SyntaxError('Unexpected token < in JSON at position 0'), 200)).toBe('bad_response');
  });
});

describe('formatSubgraphFailure', () => {
  it('answers the failed subgraph and the closed code, and nothing internal', () => {
    const error = new SubgraphUnavailableError('techsupport', 'unreachable');
    const formatted = formatSubgraphFailure({ message: error.message, extensions: { ...error.extensions, stacktrace: ['Error: at x'] } }, error);
    expect(formatted).toEqual({
      message: 'techsupport is unavailable; its fields are null in this answer',
      extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'techsupport' },
    });
    expectNoInternals(formatted);
  });

  it('leaves any other error to the shared formatError, which still masks unexpected ones', () => {
    const raw = new GraphQLError(connectionRefused().message, { originalError: connectionRefused() });
    expect(formatSubgraphFailure({ message: raw.message }, raw)).toBeUndefined();
    const masked = formatError({ message: raw.message }, raw);
    expect(masked).toEqual({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps an error a subgraph returned itself as it was (code, rule, serviceName)', () => {
    // What @apollo/gateway makes of a FORBIDDEN with a rule in a subgraph's 200 answer.
    const own = new GraphQLError('Only the team lead approves', { extensions: { code: 'FORBIDDEN', rule: 'R-SAL-1', serviceName: 'sales' } });
    const formatted = { message: own.message, extensions: { ...own.extensions } };
    expect(formatSubgraphFailure(formatted, own)).toBeUndefined();
    expect(formatError(formatted, own)).toEqual(formatted);
  });
});

describe('subgraphRefusal', () => {
  const unauthenticated = { errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] };

  it('passes on a 401/403 GraphQL refusal as the subgraph answered it, without the response details', () => {
    const refusal = subgraphRefusal('sales', 401, unauthenticated);
    expect(refusal?.message).toBe('Token expired');
    expect(refusal?.extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'sales' });
    expectNoInternals(refusal?.extensions);
  });

  it("passes on a 400 BAD_USER_INPUT (a value the subgraph's scalar refused) as the client's fault", () => {
    const badDate = { errors: [{ message: 'Variable "$day" got invalid value "x"; Expected a date', extensions: { code: 'BAD_USER_INPUT' } }] };
    const refusal = subgraphRefusal('sales', 400, badDate);
    expect(refusal?.extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'sales' });
    expect(refusal?.message).toMatch(/invalid value/);
    // Any other 400 is still a failure of the subgraph.
    expect(subgraphRefusal('sales', 400, unauthenticated)).toBeUndefined();
    expect(subgraphRefusal('sales', 400, '<html>Bad Request</html>')).toBeUndefined();
  });

  it('is no refusal for another status, a body that is not GraphQL, or a code outside the closed list', () => {
    expect(subgraphRefusal('sales', 503, unauthenticated)).toBeUndefined();
    expect(subgraphRefusal('sales', 403, '<html>Forbidden by proxy</html>')).toBeUndefined();
    expect(subgraphRefusal('sales', 401, { errors: [{ message: 'x', extensions: { code: 'ECONNRESET' } }] })).toBeUndefined();
    expect(subgraphRefusal('sales', undefined, undefined)).toBeUndefined();
  });
});

describe('dedupeSubgraphFailures', () => {
  it('keeps one failure per subgraph and every other error in order', () => {
    const failure = (subgraph: string) => ({ message: `${subgraph} is unavailable`, extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph } });
    const own = { message: 'Not allowed', extensions: { code: 'FORBIDDEN', serviceName: 'sales' } };
    const masked = { message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const errors = [failure('techsupport'), own, failure('techsupport'), masked, failure('postsale'), masked];
    expect(dedupeSubgraphFailures(errors)).toEqual([failure('techsupport'), own, masked, failure('postsale'), masked]);
  });
});
