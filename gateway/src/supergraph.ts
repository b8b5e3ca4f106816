import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstValueNode } from 'graphql';
import { ConfigError } from '@vinculo/common';

export interface SubgraphEndpoint {
  /** Name as composed (lower case, e.g. `customers`). */
  name: string;
  url: string;
}

export interface Supergraph {
  sdl: string;
  subgraphs: SubgraphEndpoint[];
  /** Overrides naming a subgraph the supergraph does not compose (worth a warning, not a failure). */
  unusedOverrides: string[];
}

/**
 * Load the committed supergraph and decide each subgraph's URL: the `SUBGRAPH_<NAME>_URL` override
 * when set, else the URL recorded at composition. The gateway never introspects or polls subgraphs.
 */
export function loadSupergraph(file: string, overrides: Readonly<Record<string, string>>): Supergraph {
  let sdl: string;
  try {
    sdl = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`SUPERGRAPH_PATH: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}); run \`npm run compose\``]);
  }
  const recorded = subgraphsOf(sdl);
  const problems: string[] = [];
  if (recorded.length === 0) problems.push(`SUPERGRAPH_PATH: ${file} declares no subgraph (join__Graph)`);
  // Launchers set every SUBGRAPH_<NAME>_URL they know; a supergraph composed without one is still valid.
  const unusedOverrides = Object.keys(overrides).filter((name) => !recorded.some((s) => s.name === name));
  const subgraphs = recorded.map((s) => ({ name: s.name, url: overrides[s.name] ?? s.url }));
  for (const s of subgraphs) {
    if (!isHttpUrl(s.url)) {
      problems.push(`SUBGRAPH_${s.name.toUpperCase()}_URL: unset and the supergraph records no usable URL ("${s.url}")`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return { sdl, subgraphs, unusedOverrides };
}

/** The subgraphs recorded in a supergraph's `enum join__Graph { X @join__graph(name:, url:) }`. */
export function subgraphsOf(sdl: string): SubgraphEndpoint[] {
  const doc = parse(sdl, { noLocation: true });
  const result: SubgraphEndpoint[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => stringValue(directive?.arguments?.find((a) => a.name.value === name)?.value);
      const name = arg('name');
      if (name) result.push({ name, url: arg('url') ?? '' });
    }
  }
  return result;
}

function stringValue(node: ConstValueNode | undefined): string | undefined {
  return node?.kind === Kind.STRING ? node.value : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
