// mongo-java-server's memory backend with compact documents and equality indexes (`--backend compact`),
// for `npm run bench:scale`.
//
// The memory backend keeps every document as the wire decoder built it: each field name is a fresh
// String per document, and so is every repeated value (tenant id, status, the customer id that ~30
// documents of one customer carry); lists keep the decoder's spare capacity. Measured at 2,000
// customers of the scale bench (111k documents), those copies are most of the heap. Here each stored
// document is rebuilt once on insert: field names and short string values shared through one
// canonical copy, lists trimmed. Queries, updates and indexes see the same values (equal strings,
// equal lists, same order), so nothing a client can observe changes; documents an update writes
// later keep the decoder's strings (the bench inserts its tenant in bulk).
//
// Non-unique indexes, which mongo-java-server ignores, are EqualityIndex here: a `find` whose filter pins an
// index's leading fields by equality, $in or null reads only the matching documents' positions (the smallest
// candidate set among the indexes that can serve it), then matches and sorts them as before; a sorted page walks
// an index in order from its cursor or range bound; `$exists: true` on an index's first field (after `tenantId`)
// reads the documents that have it. Aggregations still read the whole collection (mongo-java-server streams it to the
// first stage). A filter that pins `_id` beside other fields is read by `_id`. `{ vinculoExamined: 1 }` counts
// the documents read (the scale bench).

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.netty.channel.Channel;

final class CompactMemoryBackend extends MemoryBackend {
    /** Documents read to answer queries and aggregations (each document matched against a filter, or streamed into a pipeline). */
    private static final LongAdder EXAMINED = new LongAdder();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new CompactDatabase(databaseName, getCursorRegistry());
    }

    /**
     * `{ vinculoExamined: 1 }` answers how many documents the engine has read so far (see EXAMINED): the
     * scale bench reads it before and after a query's calls, so its table says which queries this engine
     * answers from an index (a page's worth of documents) and which it scans (the tenant).
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("vinculoExamined".equals(command)) return new Document("examined", EXAMINED.sum()).append("ok", 1.0);
        return super.handleCommand(channel, databaseName, command, query);
    }

    private static final class CompactDatabase extends MemoryDatabase {
        CompactDatabase(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new CompactCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new EqualityIndex(indexName, keys, visit -> ((CompactCollection) resolveCollection(collectionName, true)).forEachDocument(visit));
        }
    }

    private static final class CompactCollection extends MemoryCollection {
        private static final int ORDERED_WALK_ABOVE = 2_000;

        CompactCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            return super.addDocumentInternal(Compact.document(document));
        }

        void forEachDocument(BiConsumer<Integer, Document> visit) {
            streamAllDocumentsWithPosition().forEach(d -> visit.accept(d.getPosition(), d.getDocument()));
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            EXAMINED.increment();
            return super.documentMatchesQuery(document, query);
        }

        /** What an aggregation reads: the whole collection, streamed into its first stage (counted as read). */
        @Override
        public Stream<Document> queryAllAsStream() {
            return StreamSupport.stream(queryAll().spliterator(), false).peek(d -> EXAMINED.increment());
        }

        /**
         * A sorted page an equality index can walk in order: only its first skip + limit matches; else the
         * equality index with the fewest candidates when one can serve the filter; otherwise as before.
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            List<Index<Integer>> indexes = indexes();
            // A filter that pins `_id` (a value or $in) beside other fields, e.g. `{ _id, tenantId, order: { $lt } }`
            // of a read model's newest-wins write or `{ tenantId, _id: { $in } }`: MongoDB reads it by `_id`;
            // mongo-java-server's `_id` index takes only a filter of `_id` alone, so it scanned the collection.
            // The `_id` index gives the candidates (at most one per id), the whole filter is matched on them.
            if (query.size() > 1 && query.containsKey("_id")) {
                Document byId = new Document("_id", query.get("_id"));
                for (Index<Integer> index : indexes) {
                    if (index instanceof EqualityIndex || !index.canHandle(byId)) continue;
                    List<Integer> candidates = new ArrayList<>();
                    index.getPositions(byId).forEach(candidates::add);
                    return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
            for (Index<Integer> index : indexes) {
                if (!(index instanceof EqualityIndex) && index.canHandle(query)) {
                    return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector); // _id, unique
                }
            }
            // a few candidates are sorted at once; many (a tenant's list) are better walked in order when an index
            // can, so a page reads no more than ORDERED_WALK_ABOVE of them before trying the walk
            int[] best = smallestCandidates(indexes, query, limit > 0 ? ORDERED_WALK_ABOVE : Integer.MAX_VALUE);
            if (best == null && limit > 0) {
                Predicate<Integer> matches = p -> {
                    Document d = getDocument(p);
                    return d != null && documentMatchesQuery(d, query);
                };
                for (Index<Integer> index : indexes) {
                    if (!(index instanceof EqualityIndex equality)) continue;
                    int[] page = equality.ordered(query, orderBy, numberToSkip + limit, matches);
                    if (page != null) return matchDocuments(query, boxed(page), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
                best = smallestCandidates(indexes, query, Integer.MAX_VALUE);
            }
            if (best == null) return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            return matchDocuments(query, boxed(best), orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** The fewest candidates an equality index has for the query, if at most `atMost`; null otherwise. */
        private static int[] smallestCandidates(List<Index<Integer>> indexes, Document query, int atMost) {
            int[] best = null;
            for (Index<Integer> index : indexes) {
                if (!(index instanceof EqualityIndex equality) || !equality.canHandle(query)) continue;
                int[] candidates = equality.candidates(query, best == null ? atMost : best.length - 1);
                if (candidates != null) best = candidates;
            }
            return best;
        }

        /**
         * The collection's indexes as they are now: a service creating its indexes at start-up adds one while
         * another connection's query runs (iterating the live list threw ConcurrentModificationException).
         */
        @SuppressWarnings("unchecked")
        private List<Index<Integer>> indexes() {
            List<Index<Integer>> out = new ArrayList<>();
            for (Object index : getIndexes().toArray()) if (index != null) out.add((Index<Integer>) index);
            return out;
        }

        private static List<Integer> boxed(int[] positions) {
            List<Integer> out = new ArrayList<>(positions.length);
            for (int p : positions) out.add(p);
            return out;
        }

        /** The equality indexes learn of a removal here: the position is known only now. */
        @Override
        protected void removeDocument(Integer position) {
            Document document = getDocument(position);
            if (document != null) {
                for (Index<Integer> index : indexes()) if (index instanceof EqualityIndex equality) equality.forget(document, position);
            }
            super.removeDocument(position);
        }
    }

    /** The rebuilding: one canonical copy per distinct short string, trimmed lists, same order. */
    static final class Compact {
        // Ids of the services are 36-40 characters; longer strings (notes, summaries) are rarely repeated.
        private static final int MAX_SHARED_LENGTH = 48;
        // A bound so a tenant of unique values cannot grow the table without end: past it strings are kept as they are.
        private static final int MAX_SHARED = 4_000_000;
        private static final Map<String, String> SHARED = new ConcurrentHashMap<>(1 << 16);

        private Compact() {}

        static String string(String s) {
            if (s.length() > MAX_SHARED_LENGTH) return s;
            String shared = SHARED.get(s);
            if (shared != null) return shared;
            if (SHARED.size() >= MAX_SHARED) return s;
            shared = SHARED.putIfAbsent(s, s);
            return shared == null ? s : shared;
        }

        /** A stored document: its `_id` is unique in the collection, so it is kept as is (the id index holds that copy). */
        static Document document(Document source) {
            Document out = new Document();
            for (Map.Entry<String, Object> e : source.entrySet()) {
                String key = string(e.getKey());
                out.put(key, "_id".equals(key) ? e.getValue() : value(e.getValue()));
            }
            return out;
        }

        private static Document embedded(Document source) {
            Document out = new Document();
            for (Map.Entry<String, Object> e : source.entrySet()) out.put(string(e.getKey()), value(e.getValue()));
            return out;
        }

        private static Object value(Object v) {
            if (v instanceof String s) return string(s);
            if (v instanceof Document d) return embedded(d);
            if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size()); // exact capacity; an empty list allocates no array
                for (Object item : list) out.add(value(item));
                return out;
            }
            return v; // dates, numbers, booleans, null, ObjectId, binary: kept as they are
        }
    }
}
