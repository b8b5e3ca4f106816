import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { schemasDir } from '../paths';
import type { EventEnvelope } from './envelope';
import type { AnyEvent } from './typed';

export type ContractCheck = { ok: true; event: AnyEvent } | { ok: false; reason: string };

/**
 * The event contracts of schemas/events: the envelope plus one JSON Schema per event type and
 * version (`<type>.v<version>.schema.json`, e.g. `sales.SalesOrderPlaced.v1.schema.json`).
 */
export class EventContracts {
  private readonly envelope: ValidateFunction;
  private readonly byType = new Map<string, ValidateFunction>();

  constructor(dir: string = path.join(schemasDir(), 'events')) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    this.envelope = ajv.compile(readJson(path.join(dir, 'envelope.schema.json')));
    for (const file of readdirSync(dir)) {
      const m = /^(.+)\.v(\d+)\.schema\.json$/.exec(file);
      if (!m) continue;
      this.byType.set(`${m[1]}@${m[2]}`, ajv.compile(readJson(path.join(dir, file))));
    }
  }

  /** Known `type@version` keys. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** Validate an envelope and its data against the contract of its type and version. */
  check(candidate: unknown): ContractCheck {
    if (!this.envelope(candidate)) {
      return { ok: false, reason: `envelope: ${describe(this.envelope)}` };
    }
    const env = candidate as unknown as EventEnvelope;
    const validate = this.byType.get(`${env.type}@${env.version}`);
    if (!validate) return { ok: false, reason: `no contract for ${env.type} v${env.version}` };
    if (!validate(env.data)) return { ok: false, reason: `${env.type} v${env.version} data: ${describe(validate)}` };
    // The data passed its type's contract: it is that type's data (the generated map mirrors the contracts).
    return { ok: true, event: env as AnyEvent };
  }

  /** Throw when an event about to be written breaks its contract (a programming error). */
  assert(candidate: EventEnvelope): void {
    const r = this.check(candidate);
    if (!r.ok) throw new Error(`Event breaks its contract: ${r.reason}`);
  }
}

let shared: EventContracts | undefined;
/** The process-wide contracts loaded from schemas/events. */
export function eventContracts(): EventContracts {
  shared ??= new EventContracts();
  return shared;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function describe(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()).join('; ');
}
