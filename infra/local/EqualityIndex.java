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
// of `{ tenantId }` sorted by `{ nameKey: 1, _id: 1 }` reads 51 documents, not the tenant. Deep pages walk
// from the start (cost grows with the depth), range queries without such a sort still scan.

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    EqualityIndex(String name, List<IndexKey> keys, Source source) {
        super(name, keys, true); // like mongo-java-server's EmptyIndex: sparse, so removal needs no position from it
        this.source = source;
        this.fields = keys.stream().map(IndexKey::getKey).toList();
    }

    /** How many leading fields the query pins by a servable equality (0: this index cannot serve it). */
    private int prefixOf(Document query) {
        int n = 0;
        while (n < fields.size() && n < MAX_PREFIX) {
            String field = fields.get(n);
            if (field.contains(".") || !query.containsKey(field) || queryValues(query.get(field)) == null) break;
            n++;
        }
        // a bucket per tenant is the whole tenant: no better than the scan it would replace
        if (n == 1 && "tenantId".equals(fields.get(0))) return 0;
        return n;
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

    /** A value's hash key, or null when it is not a scalar this index serves. */
    private static Object scalar(Object v) {
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
                // null or missing: never equal to a scalar a query pins; no key
            } else if (v instanceof List<?> list) {
                for (Object item : list) {
                    Object h = scalar(item);
                    if (h != null) hashed.add(h);
                    else if (!(item instanceof Document || item instanceof List || item == null)) return List.of(ANY);
                }
            } else if (v instanceof Document) {
                // an embedded document never equals a scalar
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
        int prefix = prefixOf(query);
        Map<Object, Positions> buckets = buckets(prefix);
        List<List<Object>> perField = new ArrayList<>(prefix);
        for (int i = 0; i < prefix; i++) perField.add(queryValues(query.get(fields.get(i))));
        Positions out = new Positions();
        for (Object key : combine(perField)) {
            Positions p = buckets.get(key);
            if (p != null) out.addAll(p);
        }
        Positions any = buckets.get(ANY);
        if (any != null) out.addAll(any);
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
        List<Object> pinned = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            String field = fields.get(i);
            List<Object> values = field.contains(".") || !query.containsKey(field) ? null : queryValues(query.get(field));
            if (values == null || values.size() != 1) return null;
            pinned.add(values.get(0));
        }
        Ordered ordered = orderedByPrefix.get(m);
        if (ordered == null) {
            Ordered built = new Ordered(m);
            source.forEachDocument((position, doc) -> built.put(doc, position));
            orderedByPrefix.put(m, ordered = built);
        }
        if (!ordered.usable()) return null;
        TreeSet<Entry> entries = ordered.byKey.get(m == 0 ? Ordered.ALL : m == 1 ? pinned.get(0) : List.copyOf(pinned));
        if (entries == null) return new int[0];
        Positions out = new Positions();
        Iterator<Entry> walk = reversed ? entries.descendingIterator() : entries.iterator();
        while (walk.hasNext() && out.size < want) {
            int position = walk.next().position;
            if (matches.test(position)) out.add(position);
        }
        return Arrays.copyOf(out.items, out.size);
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
            java.util.Comparator<Entry> byValues = (a, b) -> {
                for (int i = 0; i < sortKeys.size(); i++) {
                    int c = (sortKeys.get(i).isAscending() ? ValueComparator.asc() : ValueComparator.desc()).compare(a.values[i], b.values[i]);
                    if (c != 0) return c;
                }
                return 0;
            };
            this.order = byValues.thenComparingInt(Entry::position);
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
        return prefixOf(query) > 0;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        return Arrays.stream(candidates(query)).boxed().toList();
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        for (Map.Entry<Integer, Map<Object, Positions>> e : byPrefix.entrySet()) put(e.getValue(), e.getKey(), document, position);
        for (Ordered o : orderedByPrefix.values()) o.put(document, position);
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
    }

    /** Called by the collection before it frees a position (remove(Document) gets no position). */
    synchronized void forget(Document document, int position) {
        for (Map.Entry<Integer, Map<Object, Positions>> e : byPrefix.entrySet()) take(e.getValue(), e.getKey(), document, position);
        for (Ordered o : orderedByPrefix.values()) o.take(document, position);
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
