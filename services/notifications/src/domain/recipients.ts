import { isEmail, type NamedAddress, type RecipientSpec } from './rules';

/** One staff member as this subgraph knows them (customers.Employee* snapshots). */
export interface StaffMember {
  employeeId: string;
  name: string;
  email: string;
  roles: string[];
  teamLeadId: string | null;
  active: boolean;
}

/** Who gets a message: a person (inbox + e-mail) or a plain mailbox (e-mail only). */
export interface Recipient {
  userId: string | null;
  name: string;
  email: string | null;
  copy: boolean;
  /** Why this recipient cannot get e-mail (kept on the record; never blocks the others). */
  emailProblem?: string;
}

export interface ResolveInput {
  staff: readonly StaffMember[];
  addresses: readonly NamedAddress[];
  actorId: string | null;
  executiveId: string | null;
}

/** Why a recipient spec named nobody (recorded; the other recipients still get the message). */
export interface Unresolved {
  spec: string;
  reason: string;
}

/**
 * The people and mailboxes a rule's recipients name, each once: a person named both on To and on Cc
 * stays on To. Inactive staff are skipped. Pure: the caller loads the staff and addresses.
 */
export function resolveRecipients(specs: readonly RecipientSpec[], input: ResolveInput): { recipients: Recipient[]; unresolved: Unresolved[] } {
  const byId = new Map(input.staff.map((s) => [s.employeeId, s]));
  const active = input.staff.filter((s) => s.active);
  const out = new Map<string, Recipient>();
  const unresolved: Unresolved[] = [];
  const person = (s: StaffMember, copy: boolean) => {
    const key = `u:${s.employeeId}`;
    const prior = out.get(key);
    if (prior) {
      prior.copy = prior.copy && copy;
      return;
    }
    const r: Recipient = { userId: s.employeeId, name: s.name, email: isEmail(s.email) ? s.email : null, copy };
    if (!r.email) r.emailProblem = `invalid e-mail address "${s.email}"`;
    out.set(key, r);
  };
  const teamLeadOf = (id: string | null, spec: string, copy: boolean) => {
    const lead = id ? byId.get(id)?.teamLeadId : null;
    const s = lead ? byId.get(lead) : undefined;
    if (s?.active) person(s, copy);
    else unresolved.push({ spec, reason: id ? `no active team lead known for ${id}` : 'nobody to take the team lead of' });
  };
  for (const spec of specs) {
    const copy = spec.copy ?? false;
    switch (spec.kind) {
      case 'ROLE': {
        const holders = active.filter((s) => s.roles.includes(spec.role));
        if (!holders.length) unresolved.push({ spec: `ROLE ${spec.role}`, reason: 'no active staff holds it' });
        holders.forEach((s) => person(s, copy));
        break;
      }
      case 'CUSTOMER_EXECUTIVE': {
        const s = input.executiveId ? byId.get(input.executiveId) : undefined;
        if (s?.active) person(s, copy);
        else
          unresolved.push({
            spec: 'CUSTOMER_EXECUTIVE',
            reason: input.executiveId ? `executive ${input.executiveId} unknown or inactive` : 'the customer has no executive',
          });
        break;
      }
      case 'TEAM_LEAD_OF_EXECUTIVE':
        teamLeadOf(input.executiveId, 'TEAM_LEAD_OF_EXECUTIVE', copy);
        break;
      case 'TEAM_LEAD_OF_ACTOR':
        teamLeadOf(input.actorId, 'TEAM_LEAD_OF_ACTOR', copy);
        break;
      case 'NAMED': {
        const a = input.addresses.find((x) => x.name === spec.name);
        if (!a) {
          unresolved.push({ spec: `NAMED ${spec.name}`, reason: 'no such address' });
          break;
        }
        const before = out.size;
        if (a.employeeId) {
          const s = byId.get(a.employeeId);
          if (s?.active) person(s, copy);
        }
        if (a.role) active.filter((s) => s.roles.includes(a.role!)).forEach((s) => person(s, copy));
        if (a.email && !out.has(`m:${a.email}`)) out.set(`m:${a.email}`, { userId: null, name: a.name, email: a.email, copy });
        if (out.size === before) unresolved.push({ spec: `NAMED ${spec.name}`, reason: 'nobody holds it now' });
        break;
      }
    }
  }
  return { recipients: [...out.values()], unresolved };
}
