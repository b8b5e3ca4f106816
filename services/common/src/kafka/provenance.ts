/** The source that owns a topic by the naming convention `vinculo.<source>.events` (events/envelope.ts topicOf), or null. */
export function sourceOfTopic(topic: string): string | null {
  return /^vinculo\.([a-z][a-z0-9-]*)\.events$/.exec(topic)?.[1] ?? null;
}

/**
 * Why an event cannot have come from where it claims, or null when it is consistent: each subgraph
 * publishes only on its own topic (`vinculo.<source>.events`) and only types named after itself
 * (`<source>.<Type>`). With per-service topic ACLs (README "How to deploy it") a service can only
 * write its own topic, so an event naming another source was forged or misrouted; the consumer
 * dead-letters it (permanent: a retry cannot change where it came from) instead of applying it.
 * `owner` is the source that owns the topic (by default read from the topic name).
 */
export function provenanceProblem(topic: string, event: { source?: unknown; type?: unknown }, owner: string | null = sourceOfTopic(topic)): string | null {
  const { source, type } = event;
  if (owner === null) return `topic ${topic} has no owning source`;
  if (typeof source !== 'string' || source.length === 0) return 'event has no source';
  if (source !== owner) return `source "${source}" does not own topic ${topic} (owner: ${owner})`;
  if (typeof type !== 'string' || !type.startsWith(`${source}.`) || type.length === source.length + 1) {
    return `type "${String(type)}" is not a "${source}." event`;
  }
  return null;
}
