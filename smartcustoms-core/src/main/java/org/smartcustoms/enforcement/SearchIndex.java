package org.smartcustoms.enforcement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.smartcustoms.risk.watchlist.NameNormalizer;

/**
 * Full-text search across the four databases (Lucene, in memory). Each record is one document: its names,
 * normalised and spelling-folded as the watch lists do ({@link NameNormalizer}), matched exactly or within one or
 * two edits, and its other text (goods, concealment, route, summary...). Every query word must match a name or the
 * text. Records are added or replaced one at a time ({@link #put}); searches see them after {@link #refresh}.
 * Thread-safe.
 */
public final class SearchIndex implements AutoCloseable {
    /** A search result. */
    public record Hit(String entity, EntityType type, String id, String label, float score) { }

    private final IndexWriter writer;
    private final SearcherManager searchers;

    public SearchIndex() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces a record: {@code names} are matched like the watch lists' names, {@code text} as words. */
    public void put(EntityRef ref, String label, List<String> names, String text) {
        Document doc = new Document();
        doc.add(new StringField("key", ref.toString(), Field.Store.YES));
        doc.add(new StringField("type", ref.type().name(), Field.Store.NO));
        doc.add(new StoredField("label", label == null ? ref.id() : label));
        StringBuilder n = new StringBuilder();
        for (String name : names) {
            if (name == null) continue;
            n.append(NameNormalizer.fold(NameNormalizer.normalize(name))).append(' ');
        }
        doc.add(new TextField("name", n.toString(), Field.Store.NO));
        doc.add(new TextField("text", (text == null ? "" : text) + " " + ref.id() + " " + String.join(" ", names.stream()
                .filter(java.util.Objects::nonNull).toList()), Field.Store.NO));
        try {
            writer.updateDocument(new Term("key", ref.toString()), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the records put so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best {@code limit} records of the allowed types matching every word of {@code q}. */
    public List<Hit> search(String q, int limit, Set<EntityType> allowed) {
        if (q == null || q.isBlank()) throw new IllegalArgumentException("q (the words to search for) is required");
        if (q.length() > 500) throw new IllegalArgumentException("q must be at most 500 characters");
        if (limit < 1 || limit > 200) throw new IllegalArgumentException("limit must be 1..200");
        String[] raw = q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int words = 0;
        for (String w : raw) {
            if (w.isBlank()) continue;
            String folded = NameNormalizer.fold(NameNormalizer.normalize(w)).toLowerCase(Locale.ROOT);
            BooleanQuery.Builder one = new BooleanQuery.Builder();
            one.add(new TermQuery(new Term("text", w)), BooleanClause.Occur.SHOULD);
            if (w.length() >= 3) one.add(new BoostQuery(new PrefixQuery(new Term("text", w)), 0.5f), BooleanClause.Occur.SHOULD);
            if (!folded.isEmpty() && folded.indexOf(' ') < 0) {
                one.add(new BoostQuery(new TermQuery(new Term("name", folded)), 3f), BooleanClause.Occur.SHOULD);
                if (folded.length() >= 4) {
                    one.add(new FuzzyQuery(new Term("name", folded), folded.length() >= 8 ? 2 : 1), BooleanClause.Occur.SHOULD);
                }
            }
            all.add(one.build(), BooleanClause.Occur.MUST);
            if (++words > 20) break;
        }
        if (words == 0) return List.of();
        BooleanQuery.Builder types = new BooleanQuery.Builder();
        for (EntityType t : allowed) types.add(new TermQuery(new Term("type", t.name())), BooleanClause.Occur.SHOULD);
        all.add(types.build(), BooleanClause.Occur.FILTER);
        try {
            IndexSearcher s = searchers.acquire();
            try {
                List<Hit> out = new ArrayList<>();
                var stored = s.storedFields();
                for (ScoreDoc d : s.search(all.build(), limit).scoreDocs) {
                    Document doc = stored.document(d.doc);
                    EntityRef ref = EntityRef.parse(doc.get("key"));
                    out.add(new Hit(ref.toString(), ref.type(), ref.id(), doc.get("label"), d.score));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
