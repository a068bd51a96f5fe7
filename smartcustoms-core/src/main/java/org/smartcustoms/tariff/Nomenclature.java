package org.smartcustoms.tariff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Immutable, effective-dated snapshot of the goods nomenclature: HS sections, chapters, headings and
 * subheadings plus national tariff lines. Answers the three questions classification needs: what is this code
 * (with its full hierarchy), which codes match this text (Lucene, ranked), and — for a wrong code — what did
 * the declarant probably mean. Build it with {@link NomenclatureLoader}; it is safe to share between threads.
 */
public final class Nomenclature {
    private static final Comparator<CommodityCode> BY_VALID_FROM = Comparator.comparing(
            (CommodityCode c) -> c.validFrom() == null ? LocalDate.MIN : c.validFrom());

    private final Map<String, List<CommodityCode>> versions;   // code -> versions, oldest first
    private final Map<String, List<String>> children;          // parent code -> child codes, sorted
    private final TreeMap<Integer, List<String>> codesByLength;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = new EnglishAnalyzer();

    Nomenclature(Collection<CommodityCode> codes) {
        Map<String, List<CommodityCode>> v = new HashMap<>();
        for (CommodityCode c : codes) v.computeIfAbsent(c.code(), k -> new ArrayList<>()).add(c);
        v.replaceAll((k, list) -> list.stream().sorted(BY_VALID_FROM).toList());
        this.versions = Map.copyOf(v);
        Map<String, Set<String>> ch = new HashMap<>();
        TreeMap<Integer, List<String>> byLen = new TreeMap<>();
        for (CommodityCode c : codes) {
            if (c.parent() != null) ch.computeIfAbsent(c.parent(), k -> new LinkedHashSet<>()).add(c.code());
        }
        for (String code : versions.keySet()) {
            if (isDigits(code)) byLen.computeIfAbsent(code.length(), k -> new ArrayList<>()).add(code);
        }
        byLen.replaceAll((k, list) -> list.stream().sorted().toList());
        Map<String, List<String>> chSorted = new HashMap<>();
        ch.forEach((k, set) -> chSorted.put(k, set.stream().sorted().toList()));
        this.children = Map.copyOf(chSorted);
        this.codesByLength = byLen;
        this.searcher = buildIndex();
    }

    /** Number of distinct commodity codes (chapters to national lines; sections not counted). */
    public int size() {
        return codesByLength.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Resolves a code valid on {@code date} (null = any version, latest preferred). Spaces and dots are ignored.
     * A code that is not itself listed still resolves to its longest listed ancestor when that ancestor is a
     * heading or subheading with no subdivisions: traders declare 8/10-digit codes even where the national
     * tariff adds no lines, and the duty is then that of the ancestor.
     */
    public Optional<Classification> lookup(String code, LocalDate date) {
        if (code == null) return resolve(null, date);
        return lookups.get(new LookupKey(code, date), k -> resolve(k.code(), k.date()));
    }

    private record LookupKey(String code, LocalDate date) { }
    /**
     * Answers of {@link #lookup} by code as given and date (at most 200,000): a bulk intake asks about the same few
     * thousand codes and few hundred dates again and again, and the nomenclature never changes.
     */
    private final Memo<LookupKey, Optional<Classification>> lookups = new Memo<>(200_000);

    private Optional<Classification> resolve(String code, LocalDate date) {
        String c = normalize(code);
        if (c.isEmpty()) return Optional.empty();
        if (version(c, date).isPresent()) return Optional.of(new Classification(c, path(c, date)));
        if (!isDigits(c)) return Optional.empty();
        for (int len = c.length() - 1; len >= 4; len--) {
            String prefix = c.substring(0, len);
            if (version(prefix, date).isPresent()) {
                if (children(prefix, date).isEmpty()) return Optional.of(new Classification(c, path(prefix, date)));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Like {@link #lookup(String, LocalDate)} but an unknown code fails, naming the nearest valid codes. */
    public Classification require(String code, LocalDate date) {
        return lookup(code, date).orElseThrow(() ->
                new UnknownCommodityCodeException(normalize(code), date, nearest(code, date, 5)));
    }

    /** The direct subdivisions of a code valid on the date (null = any). */
    public List<CommodityCode> children(String code, LocalDate date) {
        return children.getOrDefault(normalize(code), List.of()).stream()
                .map(k -> version(k, date)).flatMap(Optional::stream).toList();
    }

    /**
     * Suggestions for a code that does not exist: codes no longer than it, ranked by longest common prefix,
     * then by length (deeper first), then numeric closeness — i.e. the siblings under the deepest valid
     * ancestor first, then that ancestor's neighbours.
     */
    public List<CommodityCode> nearest(String code, LocalDate date, int limit) {
        String c = normalize(code).replaceAll("\\D", "");
        if (c.isEmpty() || codesByLength.isEmpty()) return List.of();
        record Candidate(CommodityCode code, int common, BigInteger distance) { }
        List<Candidate> candidates = new ArrayList<>();
        for (var e : codesByLength.headMap(Math.max(c.length(), codesByLength.firstKey()), true).entrySet()) {
            int len = e.getKey();
            String target = c.length() >= len ? c.substring(0, len) : c + "0".repeat(len - c.length());
            BigInteger t = new BigInteger(target);
            for (String k : e.getValue()) {
                if (k.equals(c)) continue;
                version(k, date).ifPresent(v -> candidates.add(
                        new Candidate(v, commonPrefix(k, target), new BigInteger(k).subtract(t).abs())));
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt(Candidate::common).reversed()
                        .thenComparing(x -> -x.code().code().length())
                        .thenComparing(Candidate::distance).thenComparing(x -> x.code().code()))
                .limit(Math.max(0, limit)).map(Candidate::code).toList();
    }

    /**
     * Full-text search over descriptions (English stemming; a code's ancestors' descriptions count too, with a
     * lower weight). Returns at most {@code limit} distinct codes valid on {@code date} (null = any), best first.
     */
    public List<SearchHit> search(String text, LocalDate date, int limit) {
        if (text == null || text.isBlank() || limit <= 0) return List.of();
        try {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"desc", "path"}, analyzer,
                    Map.of("desc", 1.0f, "path", 0.3f));
            Query q = parser.parse(QueryParser.escape(text.trim()));
            ScoreDoc[] docs = searcher.search(q, limit * 3 + 20).scoreDocs;
            StoredFields stored = searcher.storedFields();
            Map<String, SearchHit> out = new java.util.LinkedHashMap<>();
            for (ScoreDoc sd : docs) {
                Document d = stored.document(sd.doc);
                String code = d.get("code");
                if (out.containsKey(code)) continue;
                CommodityCode cc = versions.get(code).get(d.getField("ver").numericValue().intValue());
                if (!cc.validOn(date)) continue;
                out.put(code, new SearchHit(cc, sd.score));
                if (out.size() >= limit) break;
            }
            return List.copyOf(out.values());
        } catch (ParseException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IndexSearcher buildIndex() {
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (var e : versions.entrySet()) {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        CommodityCode c = e.getValue().get(i);
                        if (c.level() == CommodityCode.Level.SECTION) continue;
                        Document d = new Document();
                        d.add(new StringField("code", c.code(), Field.Store.YES));
                        d.add(new StoredField("ver", i));
                        d.add(new TextField("desc", positive(c.description()), Field.Store.NO));
                        StringBuilder ctx = new StringBuilder();
                        for (CommodityCode a : path(c.code(), null)) if (a != c) ctx.append(positive(a.description())).append(". ");
                        d.add(new TextField("path", ctx.toString(), Field.Store.NO));
                        w.addDocument(d);
                    }
                }
            }
            return new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.regex.Pattern NEGATED =
            java.util.regex.Pattern.compile("(?i)\\b(not|other than|excluding|except)\\b[^,;()]*");

    /**
     * The description without its negated phrases ("Coffee; not roasted" → "Coffee;"), so that searching
     * "roasted coffee" does not rank the unroasted subheading first.
     */
    static String positive(String description) {
        return NEGATED.matcher(description).replaceAll(" ");
    }

    Optional<CommodityCode> version(String code, LocalDate date) {
        List<CommodityCode> vs = versions.get(code);
        if (vs == null) return Optional.empty();
        for (int i = vs.size() - 1; i >= 0; i--) if (vs.get(i).validOn(date)) return Optional.of(vs.get(i));
        return Optional.empty();
    }

    /** Section first, then chapter, heading, ..., ending with the code itself. */
    private List<CommodityCode> path(String code, LocalDate date) {
        List<CommodityCode> path = new ArrayList<>();
        String current = code;
        Set<String> seen = new java.util.HashSet<>();
        while (current != null && seen.add(current)) {
            List<CommodityCode> vs = versions.get(current);
            if (vs == null) break;
            final LocalDate d = date;
            CommodityCode c = version(current, d).orElse(vs.get(vs.size() - 1));
            path.add(0, c);
            current = c.parent() != null ? c.parent()
                    : c.level() == CommodityCode.Level.CHAPTER ? c.section() : null;
        }
        return path;
    }

    static String normalize(String code) {
        if (code == null) return "";
        // same as replaceAll("[\\s.]", "") then upper case, without compiling a pattern on every look-up
        StringBuilder sb = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch != '.' && !isRegexSpace(ch)) sb.append(ch);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** {@code \\s} of java.util.regex without UNICODE_CHARACTER_CLASS: [ \\t\\n\x0B\\f\\r]. */
    private static boolean isRegexSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000B' || ch == '\f' || ch == '\r';
    }

    static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }
}
