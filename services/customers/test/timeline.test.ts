import { EventContracts } from '@vinculo/common';
import { describeType, projectEvent, PROJECTED_TYPES } from '../src/domain/timeline';
import { validInteraction } from '../src/domain/interaction';
import { domainErrorOf } from '@vinculo/common/testing';

describe('timeline projection (one table for every event type)', () => {
  test('a specific entry says what happened, links the entity and takes the customer from the data', () => {
    expect(projectEvent({ type: 'sales.SalesOrderPlaced', source: 'sales', data: { orderId: 'so_1', customerId: 'cus_1', planCode: 'FIB-100', installationAddress: 'Av. Busch 123' } })).toEqual({
      customerId: 'cus_1', kind: 'SALE', summary: 'Sales order placed: plan FIB-100 at Av. Busch 123', outcome: null, channel: null, link: { typename: 'SalesOrder', id: 'so_1' },
    });
    expect(projectEvent({ type: 'techsupport.WorkOrderCreated', source: 'techsupport', data: { workOrderId: 'wo_1', customerId: 'cus_1', type: 'INSTALLATION', salesOrderId: 'so_1' } })?.link).toEqual({ typename: 'WorkOrder', id: 'wo_1' });
  });
  test('an interaction keeps its channel, outcome and link', () => {
    expect(projectEvent({ type: 'customers.InteractionRecorded', source: 'customers', data: { interactionId: 'int_1', customerId: 'cus_1', channel: 'WHATSAPP', purpose: 'GENERAL', summary: 'Asked for a quote', outcome: 'Quote sent', link: null, authorId: 'ana' } })).toEqual({
      customerId: 'cus_1', kind: 'INTERACTION', summary: 'Asked for a quote', outcome: 'Quote sent', channel: 'WHATSAPP', link: { typename: 'Interaction', id: 'int_1' },
    });
  });
  test('events about no single customer are not projected (a prospect visit, a lead without customer, staff events)', () => {
    expect(projectEvent({ type: 'customers.VisitScheduled', source: 'customers', data: { visitId: 'v', customerId: null, startsAt: 'x', outcome: null, note: null } })).toBeNull();
    expect(projectEvent({ type: 'proposals.LeadRegistered', source: 'proposals', data: { leadId: 'l', customerId: null, source: 'FORUM', requirement: 'SOC' } })).toBeNull();
    expect(projectEvent({ type: 'customers.EmployeeRegistered', source: 'customers', data: { employeeId: 'ana' } })).toBeNull();
  });
  test('a type without an entry but with data.customerId falls back to a generic item (future event types)', () => {
    expect(projectEvent({ type: 'collections.PaymentReceived', source: 'collections', data: { customerId: 'cus_9', paymentId: 'p' } })).toEqual({
      customerId: 'cus_9', kind: 'BILLING', summary: 'Payment received (collections)', outcome: null, channel: null, link: null,
    });
    expect(describeType('sales.DigitalSaleRequestClosed')).toBe('Digital sale request closed (sales)');
  });
  test('every event type with a contract and a customerId is projected', () => {
    const types = new EventContracts().types().map((k) => k.split('@')[0]!);
    for (const type of PROJECTED_TYPES) expect(types).toContain(type);
  });
});

describe('interaction input', () => {
  test('summary required, link to a known entity type', () => {
    expect(validInteraction({ channel: 'PHONE', summary: '  Llamó  el cliente ', link: { typename: 'SalesOrder', id: 'so_1' } })).toEqual({ channel: 'PHONE', summary: 'Llamó el cliente', outcome: null, link: { typename: 'SalesOrder', id: 'so_1' } });
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: ' ' })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: 'x', link: { typename: 'Spaceship', id: 'x' } })).kind).toBe('invalid_input');
    expect(domainErrorOf(() => validInteraction({ channel: 'PHONE', summary: 'x', link: { typename: 'SalesOrder', id: 'a b' } })).kind).toBe('invalid_input');
  });
});
