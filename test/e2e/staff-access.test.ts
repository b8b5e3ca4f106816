/**
 * Tokens vs the staff registry (issue #14 "Tokens"): a token is what was true when it was signed.
 * Every subgraph checks the principal against its read model of customers.Employee* by `sub`, so an
 * employee deactivated through the graph is refused, and one whose roles were removed is narrowed
 * to the roles held now, within a minute — while their token is still valid. Subs that are not
 * registered employees (machine clients, the bootstrap ADMIN) keep the roles their token carries.
 */
import type { Role } from '@vinculo/common';
import { tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const REGISTER = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
const STAFF_LIST = `{ employees(first: 5) { edges { node { id } } } }`; // customers
const OPPORTUNITY = `{ opportunity(id: "none") { id } }`; // proposals only
/** Within a minute of the change, as promised; the poll itself allows more so a miss reads as a number. */
const PROMISE_MS = 60_000;

const codes = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
  (await execute<any>(query, variables, { token })).errors?.map((e) => e.extensions?.code) ?? [];

async function register(admin: string, id: string, roles: Role[]) {
  await ok(admin, REGISTER, { i: { id, name: `Persona ${id}`, email: `${id}@staff-access.test`, roles } });
}

describe('a token checked against the staff registry', () => {
  test('an employee deactivated through the graph is refused (UNAUTHENTICATED) by every subgraph within a minute', async () => {
    const tenant = uniqueTenant('staffacc');
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'bootstrap-admin' });
    await register(admin, 'dan', ['ACCOUNT_EXECUTIVE']);
    const dan = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'dan' });
    await ok(dan, STAFF_LIST);
    await ok(dan, OPPORTUNITY);

    await ok(admin, `mutation { deactivateEmployee(input: { employeeId: "dan", reason: "Dejó la empresa" }) { employee { active } } }`);
    const since = Date.now();
    await waitFor('customers to refuse the deactivated employee', async () => (await codes(dan, STAFF_LIST)).includes('UNAUTHENTICATED'), {
      timeoutMs: PROMISE_MS + 30_000,
      intervalMs: 500,
    });
    await waitFor('proposals to refuse the deactivated employee', async () => (await codes(dan, OPPORTUNITY)).includes('UNAUTHENTICATED'), {
      timeoutMs: PROMISE_MS + 30_000,
      intervalMs: 500,
    });
    expect(Date.now() - since).toBeLessThan(PROMISE_MS);

    // The bootstrap ADMIN is not a registered employee: the token's roles hold.
    await ok(admin, STAFF_LIST);
  });

  test('roles removed from an employee narrow their token to the roles held now', async () => {
    const tenant = uniqueTenant('staffacc');
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'bootstrap-admin' });
    await register(admin, 'eva', ['ADMIN', 'ACCOUNT_EXECUTIVE']);
    const eva = await tokenFor(tenant, ['ADMIN', 'ACCOUNT_EXECUTIVE'], { sub: 'eva' });
    await register(eva, 'probe-0', ['COMMERCIAL_CLERK']); // ADMIN while the registry says so

    await ok(
      admin,
      `mutation { changeEmployeeRoles(input: { employeeId: "eva", roles: [ACCOUNT_EXECUTIVE], note: "Deja la administración" }) { employee { roles } } }`,
    );
    const since = Date.now();
    let probe = 0;
    // Each attempt registers a new probe employee until the ADMIN role is gone from eva's token.
    await waitFor(
      'eva to lose ADMIN',
      async () =>
        (
          await codes(eva, REGISTER, { i: { id: `probe-${++probe}`, name: 'Probe', email: `probe${probe}@staff-access.test`, roles: ['COMMERCIAL_CLERK'] } })
        ).includes('FORBIDDEN'),
      { timeoutMs: PROMISE_MS + 30_000, intervalMs: 500 },
    );
    expect(Date.now() - since).toBeLessThan(PROMISE_MS);
    // Narrowed, not refused: the role she still holds works.
    expect((await ok(eva, STAFF_LIST)).employees.edges.length).toBeGreaterThan(0);
  });
});
