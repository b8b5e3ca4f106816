// A secondary index for the compact backend (CompactMemoryBackend.java): mongo-java-server ignores every
// non-unique index (EmptyIndex), so each query but one by `_id` scans its collection. This one hashes
// documents by the values of the index's leading fields that a query pins by equality (`field: v`,
// `{$eq: v}`, `{$in: [...]}`), e.g. `{ tenantId, customerId: { $in: 50 ids } }` on
// `{ tenantId: 1, customerId: 1, at: -1, _id: -1 }` reads only those customers' documents.
//
// It answers candidates, never the answer: the collection still matches every candidate against the
// whole query and sorts them, so a candidate too many costs time, never correctness. A candidate too few
// would be wrong, hence: only scalar query values (strings, numbers, booleans, dates, ObjectIds) are
// served, numbers hashed as doubles (1 equals 1.0 as in MongoDB), an array field is hashed by each element
// (what `field: v` matches), documents whose value is of another type are candidates for every query.
// Buckets are built on first use per prefix length (one scan) and kept up to date from then on, so an
// index no query uses costs nothing.
//
// Sorted pages: when a `find` pins the first m fields by single values and sorts by exactly the index's
// remaining fields (ending in `_id`, in the index's direction or all reversed) with a limit, the index
// walks that key's documents in sort order (a tree per key, values compared by mongo-java-server's own
// ValueComparator) and hands over only the first skip + limit that match the whole query: the first page
// of `{ tenantId }` sorted by `{ nameKey: 1, _id: 1 }` reads 51 documents, not the tenant. The pinned fields
// may be pinned by `$in` (the keys' walks are merged in sort order: open tickets of three statuses) or by `null`
// (null or missing: `closedAt: null`), and the filter is read through `$and` (a keyset page is `{ $and: [filter,
// { $or: [after the cursor] }] }`). A range on the first sort field — `$gt`/`$gte`/`$lt`/`$lte`/`$eq` in the
// filter, or in every branch of an `$or` (the cursor's) — starts and ends the walk at its bounds (TreeSet
// tail/head sets), so a deep page reads ~51 documents at any depth and a board of the breached ones stops at
// `now`. The bounds are those of the engine's own matcher (ValueComparator order; other types never match a bound).
// Without such a sort, a range on the field after the pinned ones hands over that range's documents (a month's
// claims). Each index offers the smallest of its candidate sets, and stops reading one that cannot beat the
// best the collection already has.
//
// `{ field: { $exists: true } }` on an index's first field, or on its second after `tenantId` (the outbox relays'
// poll `{ 'outbox.id': { $exists: true } }`, dotted; collections' pending `indicatorDeltas.key`), is served from
// the positions of the documents that have it, as the engine's matcher decides.

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.BiConsumer;
import java.util.Iterator;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

final class EqualityIndex extends Index<Integer> {
    /** Longest prefix hashed; longer equality prefixes use their first MAX_PREFIX fields. */
    private static final int MAX_PREFIX = 3;
    /** Marks a document whose field holds a value this index cannot hash: a candidate for every query. */
    private static final Object ANY = new Object();

    /** Walks the collection's documents with their positions (for building buckets on first use). */
    interface Source {
        void forEachDocument(BiConsumer<Integer, Document> visit);
    }

    private final Source source;
    private final List<String> fields;
    /** Per prefix length in use: key (value, or List of values) → positions; ANY → unhashable ones. */
    private final Map<Integer, Map<Object, Positions>> byPrefix = new HashMap<>();
    /** Per prefix length in use for sorted pages: key → the documents in the order of the remaining fields. */
    private final Map<Integer, Ordered> orderedByPrefix = new HashMap<>();

    /**
     * Positions of the documents that have the index's first field after `tenantId` (`{ field: { $exists: true } }`,
     * dotted paths too, as the engine's own matcher decides), built on first use: the outbox relays' poll
     * `{ 'outbox.id': { $exists: true } }`, collections' pending indicator deltas `{ tenantId,
     * 'indicatorDeltas.key': { $exists: true } }` (the tenant is matched on the candidates).
     */
    private BitSet existing;
    private final String existsField;
    private final Document existsProbe;
    private final QueryMatcher matcher = new DefaultQueryMatcher();

    EqualityIndex(String name, List<IndexKey> keys, Source source) {
        super(name, keys, true); // like mongo-java-server's EmptyIndex: sparse, so removal needs no position from it
        this.source = source;
        this.fields = keys.stream().map(IndexKey::getKey).toList();
        this.existsField = fields.size() > 1 && "tenantId".equals(fields.get(0)) ? fields.get(1) : fields.get(0);
        this.existsProbe = new Document(existsField, new Document("$exists", true));
    }

    /** Whether a conjunct asks for existsField to exist (`$exists: true`, alone or with other operators). */
    private boolean asksExists(List<Document> conjuncts) {
        for (Document c : conjuncts) {
            if (!(c.get(existsField) instanceof Document condition) || !condition.containsKey("$exists")) continue;
            if (!condition.keySet().stream().allMatch(k -> k.startsWith("$"))) continue; // an embedded document, not operators
            Object v = condition.get("$exists");
            if (Boolean.TRUE.equals(v) || (v instanceof Number n && n.doubleValue() != 0)) return true;
        }
        return false;
    }

    private BitSet existing() {
        if (existing == null) {
            BitSet built = new BitSet();
            source.forEachDocument((position, doc) -> fileExisting(built, doc, position));
            existing = built;
        }
        return existing;
    }

    private void fileExisting(BitSet set, Document doc, int position) {
        if (matcher.matches(doc, existsProbe)) set.set(position);
    }

    /** How many leading fields the query pins by a servable equality (0: this index cannot serve it). */
    private int prefixOf(List<Document> conjuncts) {
        int n = 0;
        while (n < fields.size() && n < MAX_PREFIX && pinned(conjuncts, fields.get(n)) != null) n++;
        // a bucket per tenant is the whole tenant: no better than the scan it would replace
        if (n == 1 && "tenantId".equals(fields.get(0))) return 0;
        return n;
    }

    /**
     * The conditions a query ANDs: the query itself and, recursively, the members of its `$and` (a keyset
     * cursor's page is `{ $and: [filter, { $or: [...] }] }`). A document that matches the query matches each.
     */
    static List<Document> conjuncts(Document query) {
        List<Document> out = new ArrayList<>(2);
        addConjuncts(query, out);
        return out;
    }

    private static void addConjuncts(Document query, List<Document> out) {
        out.add(query);
        if (query.get("$and") instanceof List<?> and) {
            for (Object member : and) if (member instanceof Document d) addConjuncts(d, out);
        }
    }

    /** The values a top-level field is pinned to by a servable equality (the fewest among the conjuncts), or null. */
    private static List<Object> pinned(List<Document> conjuncts, String field) {
        if (field.contains(".")) return null;
        List<Object> best = null;
        for (Document c : conjuncts) {
            if (!c.containsKey(field)) continue;
            List<Object> values = queryValues(c.get(field));
            if (values != null && (best == null || values.size() < best.size())) best = values;
        }
        return best;
    }

    /** The values a query condition pins, hashed; null when it is not a plain equality or $in of scalars. */
    private static List<Object> queryValues(Object condition) {
        if (condition instanceof Document d) {
            if (d.size() != 1) return null;
            if (d.containsKey("$eq")) return queryValues(d.get("$eq"));
            if (!(d.get("$in") instanceof Collection<?> in)) return null;
            List<Object> out = new ArrayList<>(in.size());
            for (Object v : in) {
                Object h = scalar(v);
                if (h == null) return null;
                out.add(h);
            }
            return out;
        }
        Object h = scalar(condition);
        return h == null ? null : List.of(h);
    }

    /**
     * The key of `field: null` (a queue's "not closed yet": `closedAt: null`), which matches null and missing;
     * documents holding a list or an embedded document are filed under it too (a candidate too many, never one too few).
     */
    private static final Object NULL = new Object();

    /** A value's hash key, or null when it is not a scalar this index serves. */
    private static Object scalar(Object v) {
        if (v == null) return NULL;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String || v instanceof Boolean || v instanceof Instant || v instanceof ObjectId) return v;
        if (v instanceof java.util.Date d) return d.toInstant();
        return null;
    }

    /** The keys a stored document is found under for a prefix length (ANY: candidate for every query). */
    private List<Object> documentKeys(Document doc, int prefix) {
        List<List<Object>> perField = new ArrayList<>(prefix);
        for (int i = 0; i < prefix; i++) {
            Object v = doc.get(fields.get(i));
            List<Object> hashed = new ArrayList<>(1);
            if (v == null) {
                hashed.add(NULL); // null or missing
            } else if (v instanceof List<?> list) {
                hashed.add(NULL);
                for (Object item : list) {
                    Object h = item == null ? null : scalar(item);
                    if (h != null) hashed.add(h);
                    else if (!(item instanceof Document || item instanceof List || item == null)) return List.of(ANY);
                }
            } else if (v instanceof Document) {
                hashed.add(NULL); // an embedded document never equals a scalar
            } else {
                Object h = scalar(v);
                if (h == null) return List.of(ANY);
                hashed.add(h);
            }
            if (hashed.isEmpty()) return List.of();
            perField.add(hashed);
        }
        return new ArrayList<>(new LinkedHashSet<>(combine(perField))); // [a, a] is one key: one entry to remove later
    }

    /** Every combination of the fields' values: one value for a one-field prefix, a List otherwise. */
    private static List<Object> combine(List<List<Object>> perField) {
        if (perField.size() == 1) return perField.get(0);
        List<Object> out = new ArrayList<>();
        combine(perField, 0, new Object[perField.size()], out::add);
        return out;
    }

    private static void combine(List<List<Object>> perField, int i, Object[] acc, Consumer<Object> out) {
        if (i == perField.size()) {
            out.accept(List.of(acc.clone()));
            return;
        }
        for (Object v : perField.get(i)) {
            acc[i] = v;
            combine(perField, i + 1, acc, out);
        }
    }

    private Map<Object, Positions> buckets(int prefix) {
        Map<Object, Positions> buckets = byPrefix.get(prefix);
        if (buckets == null) {
            Map<Object, Positions> built = new HashMap<>();
            source.forEachDocument((position, doc) -> put(built, prefix, doc, position));
            byPrefix.put(prefix, built);
            buckets = built;
        }
        return buckets;
    }

    private void put(Map<Object, Positions> buckets, int prefix, Document doc, int position) {
        for (Object key : documentKeys(doc, prefix)) buckets.computeIfAbsent(key, k -> new Positions()).add(position);
    }

    private void take(Map<Object, Positions> buckets, int prefix, Document doc, int position) {
        for (Object key : documentKeys(doc, prefix)) {
            Positions p = buckets.get(key);
            if (p != null && p.remove(position) && p.size == 0) buckets.remove(key);
        }
    }

    /** Candidates for a query this index can serve: positions ascending (natural order), no duplicates. */
    synchronized int[] candidates(Document query) {
        return candidates(query, Integer.MAX_VALUE);
    }

    /**
     * The smallest of the candidate sets this index has for a query (pinned keys, a range after them, the
     * documents that have existsField), or null when each holds more than `atMost` (another index did better).
     */
    synchronized int[] candidates(Document query, int atMost) {
        List<Document> conjuncts = conjuncts(query);
        int prefix = prefixOf(conjuncts);
        int[] best = prefix > 0 ? pinnedCandidates(conjuncts, prefix, atMost) : null;
        if (best != null) atMost = best.length;
        if (asksExists(conjuncts) && existing().cardinality() <= atMost) {
            best = existing().stream().toArray();
            atMost = best.length;
        }
        int[] ranged = inRange(conjuncts, atMost);
        return ranged != null ? ranged : best;
    }

    private int[] pinnedCandidates(List<Document> conjuncts, int prefix, int atMost) {
        Map<Object, Positions> buckets = buckets(prefix);
        List<List<Object>> perField = new ArrayList<>(prefix);
        for (int i = 0; i < prefix; i++) perField.add(pinned(conjuncts, fields.get(i)));
        List<Positions> parts = new ArrayList<>();
        long size = 0;
        for (Object key : combine(perField)) {
            Positions p = buckets.get(key);
            if (p != null) parts.add(p);
        }
        Positions any = buckets.get(ANY);
        if (any != null) parts.add(any);
        for (Positions p : parts) size += p.size;
        if (size > atMost && size > 0) return null; // a document under two keys counts twice: only ever too cautious
        Positions out = new Positions();
        for (Positions p : parts) out.addAll(p);
        return out.sortedDistinct();
    }

    /**
     * The first `want` positions (in `orderBy`'s order) of documents that pass `matches`, when this index can
     * walk the query's sort; null when it cannot (then the collection sorts as before).
     */
    synchronized int[] ordered(Document query, Document orderBy, int want, Predicate<Integer> matches) {
        if (want <= 0 || orderBy == null || orderBy.isEmpty()) return null;
        List<String> sortFields = new ArrayList<>(orderBy.keySet());
        int m = fields.size() - sortFields.size();
        if (m < 0 || !"_id".equals(sortFields.get(sortFields.size() - 1))) return null;
        Boolean reversed = null;
        for (int i = 0; i < sortFields.size(); i++) {
            IndexKey key = getKeys().get(m + i);
            if (!key.getKey().equals(sortFields.get(i)) || key.getKey().contains(".")) return null;
            if (!(orderBy.get(sortFields.get(i)) instanceof Number direction)) return null; // e.g. { $meta: 'textScore' }
            boolean ascending = direction.intValue() > 0;
            boolean flipped = ascending != key.isAscending();
            if (reversed != null && reversed != flipped) return null;
            reversed = flipped;
        }
        List<Document> conjuncts = conjuncts(query);
        List<List<Object>> perField = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            List<Object> values = pinned(conjuncts, fields.get(i));
            if (values == null) return null;
            perField.add(values);
        }
        List<Object> keys = m == 0 ? List.of(Ordered.ALL) : new ArrayList<>(new LinkedHashSet<>(combine(perField)));
        if (keys.size() > MAX_MERGED) return null;
        Ordered ordered = ordered(m);
        if (!ordered.usable()) return null;
        Range range = Range.of(conjuncts, fields.get(m));
        Entry tieStart = reversed || sortFields.size() < 2 ? null : tieStart(conjuncts, m, range);
        List<Iterator<Entry>> walks = new ArrayList<>(keys.size());
        for (Object key : keys) {
            TreeSet<Entry> entries = ordered.byKey.get(key);
            if (entries == null) continue;
            NavigableSet<Entry> part = within(entries, range, getKeys().get(m).isAscending());
            if (tieStart != null) part = part.tailSet(tieStart, true);
            walks.add(reversed ? part.descendingIterator() : part.iterator());
        }
        Iterator<Entry> walk = merged(walks, reversed ? ordered.order.reversed() : ordered.order);
        Positions out = new Positions();
        int last = -1;
        while (walk.hasNext() && out.size < want) {
            int position = walk.next().position;
            if (position == last) continue; // one document under two keys (a list) comes twice, side by side
            last = position;
            if (matches.test(position)) out.add(position);
        }
        return Arrays.copyOf(out.items, out.size);
    }

    private Ordered ordered(int m) {
        Ordered ordered = orderedByPrefix.get(m);
        if (ordered == null) {
            Ordered built = new Ordered(m);
            source.forEachDocument((position, doc) -> built.put(doc, position));
            orderedByPrefix.put(m, ordered = built);
        }
        return ordered;
    }

    /**
     * How a range serves a query: the pinned leading fields' keys and the bounds of the field after them
     * (`{ tenantId, resolvedAt: { $gte, $lt } }` on `{ tenantId: 1, resolvedAt: 1 }`); null when none is bounded
     * or the index's order cannot place every document.
     */
    private record RangePlan(Ordered ordered, List<Object> keys, Range range) {}

    private RangePlan rangePlan(List<Document> conjuncts) {
        int m = 0;
        List<List<Object>> perField = new ArrayList<>();
        while (m < fields.size() - 1) {
            List<Object> values = pinned(conjuncts, fields.get(m));
            if (values == null) break;
            perField.add(values);
            m++;
        }
        if (fields.get(m).contains(".")) return null;
        Range range = Range.of(conjuncts, fields.get(m));
        if (range.lo() == null && range.hi() == null) return null;
        List<Object> keys = m == 0 ? List.of(Ordered.ALL) : new ArrayList<>(new LinkedHashSet<>(combine(perField)));
        if (keys.size() > MAX_MERGED) return null;
        Ordered ordered = ordered(m);
        return ordered.usable() ? new RangePlan(ordered, keys, range) : null;
    }

    /**
     * Where the walk starts among the documents tied at its first value, when the query bounds the second sort
     * field for them: a keyset cursor `{ $or: [{ f: { $gt: v } }, { f: v, _id: { $gt: id } }] }` starts at (v, id),
     * not at the first of v's documents (a month's invoices share their updatedAt). Null: start at the first.
     */
    private Entry tieStart(List<Document> conjuncts, int m, Range range) {
        boolean ascending = getKeys().get(m).isAscending();
        Object v = ascending ? range.lo() : range.hi();
        if (v == null || !(ascending ? range.loIn() : range.hiIn())) return null; // no ties at an exclusive start
        Range tied = Range.tied(conjuncts, fields.get(m), v, fields.get(m + 1));
        boolean nextAscending = getKeys().get(m + 1).isAscending();
        Object w = nextAscending ? tied.lo() : tied.hi();
        if (w == null) return null;
        return new Entry(new Object[] {v, w}, (nextAscending ? tied.loIn() : tied.hiIn()) ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    }

    /** Candidates of a range after the pinned fields (positions ascending), or null when no range serves the query. */
    private int[] inRange(List<Document> conjuncts, int atMost) {
        RangePlan plan = rangePlan(conjuncts);
        if (plan == null) return null;
        Positions out = new Positions();
        for (Object key : plan.keys()) {
            TreeSet<Entry> entries = plan.ordered().byKey.get(key);
            if (entries == null) continue;
            for (Entry e : within(entries, plan.range(), getKeys().get(plan.ordered().m).isAscending())) {
                if (out.size >= atMost) return null; // no better than what the caller has: stop reading
                out.add(e.position);
            }
        }
        return out.sortedDistinct();
    }

    /** Keys a sorted page may pin (`status: { $in: [...] }`): their walks are merged in sort order. */
    private static final int MAX_MERGED = 64;

    /** The walks of several keys as one, in `order` (each walk is in that order already). */
    private static Iterator<Entry> merged(List<Iterator<Entry>> walks, java.util.Comparator<Entry> order) {
        if (walks.size() == 1) return walks.get(0);
        record Head(Entry entry, Iterator<Entry> rest) {}
        java.util.PriorityQueue<Head> heads = new java.util.PriorityQueue<>(Math.max(1, walks.size()), (a, b) -> order.compare(a.entry, b.entry));
        for (Iterator<Entry> w : walks) if (w.hasNext()) heads.add(new Head(w.next(), w));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Entry next() {
                Head h = heads.poll();
                if (h.rest.hasNext()) heads.add(new Head(h.rest.next(), h.rest));
                return h.entry;
            }
        };
    }

    /**
     * The part of a key's tree whose first sort value lies in `range`: a deep page starts its walk at the cursor.
     * The tree orders that value ascending or descending as the index does; a probe (one value, a position below
     * or above every real one) marks where the equal values start or end.
     */
    private static NavigableSet<Entry> within(TreeSet<Entry> entries, Range range, boolean ascending) {
        Object start = ascending ? range.lo() : range.hi();
        boolean startIn = ascending ? range.loIn() : range.hiIn();
        Object end = ascending ? range.hi() : range.lo();
        boolean endIn = ascending ? range.hiIn() : range.loIn();
        Entry from = start == null ? null : new Entry(new Object[] {start}, startIn ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        Entry to = end == null ? null : new Entry(new Object[] {end}, endIn ? Integer.MAX_VALUE : Integer.MIN_VALUE);
        if (from != null && to != null) {
            if (entries.comparator().compare(from, to) > 0) return new TreeSet<>(entries.comparator()); // empty: nothing matches
            return entries.subSet(from, true, to, true);
        }
        if (from != null) return entries.tailSet(from, true);
        if (to != null) return entries.headSet(to, true);
        return entries;
    }

    /**
     * Where a value must lie, in mongo-java-server's ValueComparator order (null: open), for a document to match:
     * its matcher compares `$gt`/`$gte`/`$lt`/`$lte` with that comparator (and only values of a comparable type),
     * and an equality holds only between values it compares equal. Anything else bounds nothing.
     */
    record Range(Object lo, boolean loIn, Object hi, boolean hiIn) {
        static final Range ALL = new Range(null, false, null, false);

        /** The bounds a query puts on a top-level field: its conjuncts' conditions and `$or`s, intersected. */
        static Range of(List<Document> conjuncts, String field) {
            Range r = ALL;
            if (field.contains(".")) return r;
            for (Document c : conjuncts) {
                if (c.containsKey(field)) r = r.and(condition(c.get(field)));
                if (c.get("$or") instanceof List<?> branches && !branches.isEmpty()) {
                    Range hull = null; // a document matches some branch: it lies in the union, bounded by the loosest
                    for (Object branch : branches) {
                        Range b = branch instanceof Document d ? of(conjuncts(d), field) : ALL;
                        hull = hull == null ? b : hull.or(b);
                    }
                    r = r.and(hull);
                }
            }
            return r;
        }

        /**
         * The bounds on `next` of the documents whose `first` equals `v`: the conjuncts' own conditions on `next`,
         * and of each `$or` only the branches that admit `first == v` (loosest of them; none: no bound).
         */
        static Range tied(List<Document> conjuncts, String first, Object v, String next) {
            Range r = ALL;
            if (next.contains(".")) return r;
            for (Document c : conjuncts) {
                if (c.containsKey(next)) r = r.and(condition(c.get(next)));
                if (c.get("$or") instanceof List<?> branches && !branches.isEmpty()) {
                    Range hull = null;
                    for (Object branch : branches) {
                        if (!(branch instanceof Document d)) {
                            hull = ALL; // not a condition this reads: no bound from this $or
                            break;
                        }
                        List<Document> inner = conjuncts(d);
                        if (!of(inner, first).holds(v)) continue; // this branch matches no document tied at v
                        Range b = tied(inner, first, v, next);
                        hull = hull == null ? b : hull.or(b);
                    }
                    if (hull != null) r = r.and(hull);
                }
            }
            return r;
        }

        /** Whether a value lies in this range. */
        boolean holds(Object v) {
            if (lo != null) {
                int c = compare(v, lo);
                if (c < 0 || (c == 0 && !loIn)) return false;
            }
            if (hi != null) {
                int c = compare(v, hi);
                if (c > 0 || (c == 0 && !hiIn)) return false;
            }
            return true;
        }

        private static Range condition(Object condition) {
            if (!(condition instanceof Document d)) return bound(condition) ? new Range(condition, true, condition, true) : ALL;
            Range r = ALL;
            for (Map.Entry<String, Object> op : d.entrySet()) {
                Object v = op.getValue();
                if (!op.getKey().startsWith("$")) return ALL; // an embedded document compared whole
                if (!bound(v)) continue;
                r = switch (op.getKey()) {
                    case "$eq" -> r.and(new Range(v, true, v, true));
                    case "$gt" -> r.and(new Range(v, false, null, false));
                    case "$gte" -> r.and(new Range(v, true, null, false));
                    case "$lt" -> r.and(new Range(null, false, v, false));
                    case "$lte" -> r.and(new Range(null, false, v, true));
                    default -> r;
                };
            }
            return r;
        }

        /** Values a bound may hold: scalars (not null, lists, documents, MinKey/MaxKey, regular expressions). */
        private static boolean bound(Object v) {
            return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Instant || v instanceof ObjectId;
        }

        private static int compare(Object a, Object b) {
            return ValueComparator.asc().compare(a, b);
        }

        /** Both hold. */
        Range and(Range o) {
            Object l = lo;
            boolean li = loIn;
            if (o.lo != null) {
                int c = l == null ? -1 : compare(l, o.lo);
                if (c < 0) {
                    l = o.lo;
                    li = o.loIn;
                } else if (c == 0) li = li && o.loIn;
            }
            Object h = hi;
            boolean hin = hiIn;
            if (o.hi != null) {
                int c = h == null ? 1 : compare(h, o.hi);
                if (c > 0) {
                    h = o.hi;
                    hin = o.hiIn;
                } else if (c == 0) hin = hin && o.hiIn;
            }
            return new Range(l, li, h, hin);
        }

        /** One or the other holds: the smallest range holding both. */
        Range or(Range o) {
            Object l = null;
            boolean li = false;
            if (lo != null && o.lo != null) {
                int c = compare(lo, o.lo);
                l = c <= 0 ? lo : o.lo;
                li = c < 0 ? loIn : c > 0 ? o.loIn : loIn || o.loIn;
            }
            Object h = null;
            boolean hin = false;
            if (hi != null && o.hi != null) {
                int c = compare(hi, o.hi);
                h = c >= 0 ? hi : o.hi;
                hin = c > 0 ? hiIn : c < 0 ? o.hiIn : hiIn || o.hiIn;
            }
            return new Range(l, li, h, hin);
        }
    }

    /** A document's place in a sort: its values of the sort fields (as stored when it was filed) and its position. */
    private record Entry(Object[] values, int position) {}

    /** Per key of the first m fields, the documents ordered by the index's remaining fields. */
    private final class Ordered {
        static final Object ALL = new Object();
        final int m;
        final Map<Object, TreeSet<Entry>> byKey = new HashMap<>();
        final java.util.Comparator<Entry> order;
        /** Documents this order cannot place (an array in a sort field, an unhashable key): the walk is refused. */
        int unplaceable;

        Ordered(int m) {
            this.m = m;
            List<IndexKey> sortKeys = getKeys().subList(m, fields.size());
            // a probe of `within` holds the first value only; its position (MIN/MAX_VALUE) places it among the equal ones
            this.order = (a, b) -> {
                for (int i = 0; i < Math.min(a.values.length, b.values.length); i++) {
                    int c = (sortKeys.get(i).isAscending() ? ValueComparator.asc() : ValueComparator.desc()).compare(a.values[i], b.values[i]);
                    if (c != 0) return c;
                }
                return Integer.compare(a.position, b.position);
            };
        }

        boolean usable() {
            return unplaceable == 0;
        }

        private Entry entry(Document doc, int position) {
            Object[] values = new Object[fields.size() - m];
            for (int i = 0; i < values.length; i++) {
                Object v = doc.getOrMissing(fields.get(m + i));
                if (v instanceof List || v instanceof Document) return null;
                values[i] = v;
            }
            return new Entry(values, position);
        }

        private List<Object> keys(Document doc) {
            return m == 0 ? List.of(ALL) : documentKeys(doc, m);
        }

        void put(Document doc, int position) {
            Entry e = entry(doc, position);
            List<Object> keys = keys(doc);
            if (e == null || keys.contains(ANY)) {
                unplaceable++;
                return;
            }
            for (Object key : keys) byKey.computeIfAbsent(key, k -> new TreeSet<>(order)).add(e);
        }

        void take(Document doc, int position) {
            Entry e = entry(doc, position);
            List<Object> keys = keys(doc);
            if (e == null || keys.contains(ANY)) {
                unplaceable--;
                return;
            }
            for (Object key : keys) {
                TreeSet<Entry> set = byKey.get(key);
                if (set != null && set.remove(e) && set.isEmpty()) byKey.remove(key);
            }
        }
    }

    // --- Index<Integer> ---

    @Override
    public synchronized boolean canHandle(Document query) {
        List<Document> conjuncts = conjuncts(query);
        return prefixOf(conjuncts) > 0 || asksExists(conjuncts) || rangePlan(conjuncts) != null;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        return Arrays.stream(candidates(query)).boxed().toList();
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        for (Map.Entry<Integer, Map<Object, Positions>> e : byPrefix.entrySet()) put(e.getValue(), e.getKey(), document, position);
        for (Ordered o : orderedByPrefix.values()) o.put(document, position);
        if (existing != null) fileExisting(existing, document, position);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Integer position, MongoCollection<Integer> collection) {
        for (Map.Entry<Integer, Map<Object, Positions>> e : byPrefix.entrySet()) {
            take(e.getValue(), e.getKey(), oldDocument, position);
            put(e.getValue(), e.getKey(), newDocument, position);
        }
        for (Ordered o : orderedByPrefix.values()) {
            o.take(oldDocument, position);
            o.put(newDocument, position);
        }
        if (existing != null) {
            existing.clear(position);
            fileExisting(existing, newDocument, position);
        }
    }

    /** Called by the collection before it frees a position (remove(Document) gets no position). */
    synchronized void forget(Document document, int position) {
        for (Map.Entry<Integer, Map<Object, Positions>> e : byPrefix.entrySet()) take(e.getValue(), e.getKey(), document, position);
        for (Ordered o : orderedByPrefix.values()) o.take(document, position);
        if (existing != null) existing.clear(position);
    }

    @Override
    public Integer remove(Document document) {
        return null; // see forget
    }

    @Override
    public Integer getPosition(Document document) {
        return null; // not unique: no single position
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {}

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {}

    @Override
    public long getCount() {
        return 0;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        byPrefix.clear();
        orderedByPrefix.clear();
        existing = null;
    }

    /** A growable int list. */
    static final class Positions {
        private int[] items = new int[2];
        private int size;

        void add(int p) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            items[size++] = p;
        }

        void addAll(Positions other) {
            if (size + other.size > items.length) items = Arrays.copyOf(items, Math.max(size + other.size, size * 2));
            System.arraycopy(other.items, 0, items, size, other.size);
            size += other.size;
        }

        boolean remove(int p) {
            for (int i = 0; i < size; i++) {
                if (items[i] == p) {
                    items[i] = items[--size];
                    return true;
                }
            }
            return false;
        }

        int[] sortedDistinct() {
            int[] a = Arrays.copyOf(items, size);
            Arrays.sort(a);
            int n = 0;
            for (int i = 0; i < a.length; i++) if (i == 0 || a[i] != a[i - 1]) a[n++] = a[i];
            return n == a.length ? a : Arrays.copyOf(a, n);
        }
    }
}
