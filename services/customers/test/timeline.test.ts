import { EventContracts } from '@vinculo/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeType, LINKED_TYPENAMES, outcomeText, projectEvent, PROJECTED_TYPES, renderEvent } from '../src/domain/timeline';
import { validInteraction } from '../src/domain/interaction';
import { domainErrorOf } from '@vinculo/common/testing';

const CONTRACTS = join(__dirname, '../../../schemas/events');
type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
};

/** The smallest data a contract accepts: every required field with a value of its type (first enum value). */
function sample(schema: JsonSchema, name = 'x'): unknown {
  if (schema.enum) return schema.enum.find((v) => v !== '' && v !== null) ?? schema.enum[0];
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([k]) => schema.required?.includes(k))
        .map(([k, v]) => [k, sample(v, k)]),
    );
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 0, 1234);
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  if (name === 'currency') return 'BOB';
  return /At$|Date$|Day$|^since$|^day$|^signedOn$/.test(name) ? '2026-12-03' : `${name}_1`;
}

const contracts = readdirSync(CONTRACTS)
  .filter((f) => /^[a-z]+\.[A-Za-z]+\.v\d+\.schema\.json$/.test(f))
  .map((f) => ({ type: f.split('.').slice(0, 2).join('.'), schema: JSON.parse(readFileSync(join(CONTRACTS, f), 'utf8')) as JsonSchema }));

describe('timeline catalogue (every event type with a contract is rendered)', () => {
  test('the contracts directory is read (the catalogue is not vacuous)', () => {
    expect(contracts.length).toBeGreaterThan(60);
    expect(new Set(contracts.map((c) => c.type))).toEqual(new Set(new EventContracts().types().map((k) => k.split('@')[0]!)));
  });
  test.each(contracts.map((c) => [c.type, c.schema] as const))('%s has a Spanish and an English rendering', (type, schema) => {
    const words = renderEvent(type, sample(schema) as Record<string, unknown>);
    expect(words).not.toBeNull();
    expect(words!.es.trim().length).toBeGreaterThan(5);
    expect(words!.en.trim().length).toBeGreaterThan(5);
    // Not the generic fallback: the words are written for this type.
    expect(words!.en).not.toBe(describeType(type));
    expect(words!.es).not.toMatch(/undefined|\[object Object\]/);
  });
  test.each(contracts.filter((c) => (c.schema.required ?? []).includes('customerId')).map((c) => [c.type, c.schema] as const))(
    '%s (about a customer) has its subject link',
    (type, schema) => {
      const entry = projectEvent({ type, source: type.split('.')[0]!, data: sample(schema) as Record<string, unknown> });
      expect(entry?.link?.typename).toBeTruthy();
      // An interaction links what its author chose (any LINKABLE_TYPES); every other link is one TimelineLink resolves.
      if (type !== 'customers.InteractionRecorded') expect(LINKED_TYPENAMES).toContain(entry!.link!.typename);
    },
  );
  test('every projected type has a contract (no entry for a type that does not exist)', () => {
    const types = contracts.map((c) => c.type);
    for (const type of PROJECTED_TYPES) expect(types).toContain(type);
  });
});

describe('timeline projection (one table for every event type)', () => {
  test('a specific entry says what happened in Spanish and English, links the entity and takes the customer from the data', () => {
    expect(
      projectEvent({
        type: 'sales.SalesOrderPlaced',
        source: 'sales',
        data: { orderId: 'so_1', customerId: 'cus_1', planCode: 'FIB-100', installationAddress: 'Av. Busch 123' },
      }),
    ).toEqual({
      customerId: 'cus_1',
      kind: 'SALE',
      summary: {
        es: 'Control de calidad de digitación aprobado: pedido del plan FIB-100 en Av. Busch 123',
        en: 'Sales order placed: plan FIB-100 at Av. Busch 123',
      },
      outcome: {
        decision: { es: 'aprobado en el control de calidad de digitación', en: 'placed after the entry quality check' },
        reason: null,
        amount: null,
        date: null,
        dateTo: null,
      },
      channel: null,
      link: { typename: 'SalesOrder', id: 'so_1' },
    });
    expect(
      projectEvent({
        type: 'techsupport.WorkOrderCreated',
        source: 'techsupport',
        data: { workOrderId: 'wo_1', customerId: 'cus_1', type: 'INSTALLATION', salesOrderId: 'so_1', dueAt: '2026-12-05T10:00:00Z' },
      })?.link,
    ).toEqual({ typename: 'WorkOrder', id: 'wo_1' });
  });
  test('an interaction keeps its channel, outcome and link', () => {
    const e = projectEvent({
      type: 'customers.InteractionRecorded',
      source: 'customers',
      data: {
        interactionId: 'int_1',
        customerId: 'cus_1',
        channel: 'WHATSAPP',
        purpose: 'GENERAL',
        summary: 'Asked for a quote',
        outcome: 'Quote sent',
        link: null,
        authorId: 'ana',
      },
    });
    expect(e).toMatchObject({
      customerId: 'cus_1',
      kind: 'INTERACTION',
      summary: { es: 'Asked for a quote', en: 'Asked for a quote' },
      channel: 'WHATSAPP',
      link: { typename: 'Interaction', id: 'int_1' },
    });
    expect(outcomeText(e!.outcome, 'ES')).toBe('Quote sent');
  });
  test('a project lost says why; the ETA told to a digital customer and a refusal reason reach the outcome', () => {
    const lost = projectEvent({
      type: 'sales.SaleProjectChanged',
      source: 'sales',
      data: {
        projectId: 'sp_1',
        customerId: 'c',
        executiveId: 'e',
        kind: 'NEW_CAPTURE',
        from: 'OFFERED',
        to: 'LOST',
        note: 'Eligió otro proveedor',
        orderId: null,
      },
    })!;
    expect(lost.summary.es).toBe('Proyecto de venta perdido: Eligió otro proveedor');
    expect(outcomeText(lost.outcome, 'ES')).toBe('perdido: Eligió otro proveedor');
    expect(lost.link).toEqual({ typename: 'SaleProject', id: 'sp_1' });
    const eta = projectEvent({
      type: 'sales.DigitalSaleRequestChanged',
      source: 'sales',
      data: {
        requestId: 'dsr_1',
        customerId: 'c',
        channel: 'WEB',
        from: 'REQUIREMENTS_RECEIVED',
        to: 'ORDER_ENTERED',
        note: null,
        orderId: 'so_1',
        eta: { fromDay: '2026-12-07', toDay: '2026-12-09' },
      },
    })!;
    expect(eta.summary.es).toBe('Solicitud digital: pedido digitado y fecha estimada de ejecución informada al cliente: del 2026-12-07 al 2026-12-09');
    expect(eta.outcome).toMatchObject({ date: '2026-12-07', dateTo: '2026-12-09' });
    expect(outcomeText(eta.outcome, 'EN')).toBe('order entered — 2026-12-07 to 2026-12-09');
    const refused = projectEvent({
      type: 'sales.DigitalSaleRequestChanged',
      source: 'sales',
      data: {
        requestId: 'dsr_2',
        customerId: 'c',
        channel: 'BOT',
        from: 'CLEARED',
        to: 'NOT_FEASIBLE',
        note: null,
        orderId: null,
        reason: 'Sin puertos libres en la zona',
      },
    })!;
    expect(refused.summary).toEqual({
      es: 'Solicitud digital rechazada: Sin puertos libres en la zona',
      en: 'Digital request refused: Sin puertos libres en la zona',
    });
    const relocation = projectEvent({
      type: 'postsale.PostSaleRequestStatusChanged',
      source: 'postsale',
      data: {
        requestId: 'psr_1',
        customerId: 'c',
        installedProductId: 'ip',
        requestType: 'RELOCATION',
        channel: 'LETTER',
        from: 'RECEIVED',
        to: 'CLOSED_INCOMPLETE',
        resolution: 'NOT_FEASIBLE',
        missingRequirements: [],
        note: 'No hay cobertura en la nueva dirección',
      },
    })!;
    expect(relocation.summary.es).toBe('Solicitud de traslado cerrada sin atender: no factible — No hay cobertura en la nueva dirección');
    // Issue #15: the rule's refusal as postsale records it (R-PS-C1 and the coverage reason) reads in words, with the request's number.
    const refusedRelocation = projectEvent({
      type: 'postsale.PostSaleRequestStatusChanged',
      source: 'postsale',
      data: {
        requestId: 'psr_2',
        requestNumber: 'PS-7K2M9QX1',
        customerId: 'c',
        installedProductId: 'ip',
        requestType: 'RELOCATION',
        channel: 'LETTER',
        from: 'RECEIVED',
        to: 'CLOSED',
        resolution: 'NOT_FEASIBLE',
        missingRequirements: [],
        note: 'R-PS-C1 NO_COVERAGE',
      },
    })!;
    expect(refusedRelocation.summary).toEqual({
      es: 'Solicitud PS-7K2M9QX1 de traslado cerrada: no factible — R-PS-C1: sin cobertura de red en la nueva dirección',
      en: 'Relocation request PS-7K2M9QX1 closed: not feasible — R-PS-C1: no network coverage at the new address',
    });
    expect(refusedRelocation.summary.es).not.toContain('psr_2');
    expect(refusedRelocation.outcome).toMatchObject({ reason: 'R-PS-C1: sin cobertura de red en la nueva dirección' });
    expect(relocation.outcome).toMatchObject({ reason: 'No hay cobertura en la nueva dirección' });
  });
  test('amounts are told with the currency, dates as days', () => {
    const invoice = projectEvent({
      type: 'collections.InvoiceIssued',
      source: 'collections',
      data: {
        invoiceId: 'inv_1',
        number: 'F-1',
        billingAccountId: 'ba',
        customerId: 'c',
        period: '2026-11',
        dueDate: '2026-12-20',
        totalAmount: 25000,
        creditApplied: 0,
        currency: 'BOB',
        kind: 'MONTHLY',
      },
    })!;
    expect(invoice.summary.es).toBe('Factura F-1 emitida por el mes 2026-11: 250.00 BOB, vence el 2026-12-20');
    expect(invoice.outcome).toEqual({ decision: null, reason: null, amount: { minor: 25000, currency: 'BOB' }, date: '2026-12-20', dateTo: null });
    expect(outcomeText(invoice.outcome, 'ES')).toBe('250.00 BOB — 2026-12-20');
  });
  test('events about no single customer are not projected (a prospect visit, a lead without customer, staff events)', () => {
    expect(
      projectEvent({
        type: 'customers.VisitScheduled',
        source: 'customers',
        data: { visitId: 'v', customerId: null, startsAt: 'x', outcome: null, note: null },
      }),
    ).toBeNull();
    expect(
      projectEvent({ type: 'proposals.LeadRegistered', source: 'proposals', data: { leadId: 'l', customerId: null, source: 'FORUM', requirement: 'SOC' } }),
    ).toBeNull();
    expect(projectEvent({ type: 'customers.EmployeeRegistered', source: 'customers', data: { employeeId: 'ana', name: 'Ana', customerId: 'c' } })).toBeNull();
  });
  test('a type without an entry but with data.customerId falls back to a generic item (a producer newer than this table)', () => {
    expect(projectEvent({ type: 'collections.InvoiceVoided', source: 'collections', data: { customerId: 'cus_9', invoiceId: 'i' } })).toEqual({
      customerId: 'cus_9',
      kind: 'BILLING',
      summary: { es: 'Invoice voided (collections)', en: 'Invoice voided (collections)' },
      outcome: null,
      channel: null,
      link: null,
    });
    expect(describeType('sales.DigitalSaleRequestClosed')).toBe('Digital sale request closed (sales)');
  });
});

describe('interaction input', () => {
  test('summary required, link to a known entity type', () => {
    expect(validInteraction({ channel: 'PHONE', summary: '  Llamó  el cliente ', link: { typename: 'SalesOrder', id: 'so_1' } })).toEqual({
      channel: 'PHONE',
      summary: 'Llamó el cliente',
      outcome: null,
      link: { typename: 'SalesOrder', id: 'so_1' },
    });
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: ' ' })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: 'x', link: { typename: 'Spaceship', id: 'x' } })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: 'x', link: { typename: 'SalesOrder', id: 'a b' } })).kind).toBe('invalid_input');
  });
});
