package org.smartcustoms.server.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.Pseudonyms;
import org.smartcustoms.statistics.TableSpec;
import org.smartcustoms.statistics.TradeRecordSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Research access: researchers apply for a project (scope: fields, period, HS chapters, flows; purpose, legal basis,
 * end date), a data steward approves or refuses it, and the researcher downloads microdata extracts within the scope
 * through signed, expiring, single-use links. Trader ids are replaced by the project's keyed pseudonyms
 * ({@link Pseudonyms}); no names are ever extracted. Every step and every refusal is audited.
 */
@Service
public class ResearchService {
    /** The fields an extract may hold ({@code trader} is the project pseudonym; {@code month} the coarsened date). */
    public static final List<String> FIELDS = List.of("date", "month", "flow", "hs6", "partner", "office", "trader", "value",
            "netMassKg", "duty");

    private final StatisticsStore store;
    private final TradeRecordSource source;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Duration linkLifetime;
    private final byte[] linkKey = new byte[32];
    private final SecureRandom random = new SecureRandom();

    ResearchService(StatisticsStore store, TradeRecordSource source, AuditTrail audit, Clock clock, ObjectMapper json,
                    TransactionTemplate tx, @Value("${smartcustoms.statistics.link-lifetime:PT15M}") Duration linkLifetime) {
        this.store = store;
        this.source = source;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.tx = tx;
        this.linkLifetime = linkLifetime;
        random.nextBytes(linkKey); // links die with the server: they are meant to be used at once
    }

    /** An application. */
    public record ProjectRequest(String title, String institution, String purpose, String legalBasis, String from, String to,
                                 LocalDate endDate, List<String> fields, List<String> hsChapters, List<String> flows) { }

    /** A request for an extract within the project's scope (null lists and months = the whole scope). */
    public record ExtractRequest(String from, String to, List<String> fields, List<String> hsChapters, List<String> flows,
                                 String format, Boolean coarsenDates, Double topCodePercent) {
        public ExtractRequest(String from, String to, List<String> fields, List<String> hsChapters, List<String> flows) {
            this(from, to, fields, hsChapters, flows, null, null, null);
        }
    }

    /** A downloaded extract: its bytes and format ({@code csv} or {@code parquet}). */
    public record ExtractFile(byte[] bytes, String format) { }

    /** A signed link to download an extract once before {@code expiresAt}. */
    public record ExtractLink(String extractId, String url, Instant expiresAt) { }

    private StatisticsRefusedException refuse(String actor, String projectId, HttpStatus status, String reason) {
        audit.record(actor, AuditAction.STATISTICS_REQUEST_REFUSED, AuditSubject.RESEARCH_PROJECT, projectId == null ? "request" : projectId,
                StatisticsService.truncate(reason, 1000), null);
        return new StatisticsRefusedException(status, reason);
    }

    private static String text(String value, String name, int max) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
        if (value.length() > max) throw new IllegalArgumentException(name + " has more than " + max + " characters");
        return value.strip();
    }

    public StatisticsStore.Project apply(ProjectRequest r, String actor) {
        StatisticsStore.Project p;
        try {
            if (r == null) throw new IllegalArgumentException("The application is empty");
            YearMonth from = TableSpec.month("from", r.from()), to = TableSpec.month("to", r.to());
            new TableSpec(Flow.IMPORT, from, to, List.of(org.smartcustoms.statistics.Dimension.HS2)); // period checks
            LocalDate today = LocalDate.now(clock);
            if (r.endDate() == null || !r.endDate().isAfter(today)) throw new IllegalArgumentException("endDate must be a day after today");
            if (r.endDate().isAfter(today.plusYears(5))) throw new IllegalArgumentException("A project lasts at most 5 years");
            p = new StatisticsStore.Project(UUID.randomUUID().toString().replace("-", ""), actor, text(r.title(), "title", 300),
                    text(r.institution(), "institution", 300), text(r.purpose(), "purpose", 4000), text(r.legalBasis(), "legalBasis", 500),
                    from, to, r.endDate(), fields(r.fields(), Set.copyOf(FIELDS)), chapters(r.hsChapters()), flows(r.flows()),
                    "SUBMITTED", null, null, clock.instant(), null);
        } catch (IllegalArgumentException e) {
            throw refuse(actor, null, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        tx.executeWithoutResult(s -> {
            store.insertProject(p);
            audit.record(actor, AuditAction.RESEARCH_PROJECT_SUBMITTED, AuditSubject.RESEARCH_PROJECT, p.id(), p.purpose(), write(scope(p)));
        });
        return p;
    }

    private static Set<String> fields(List<String> asked, Set<String> allowed) {
        if (asked == null || asked.isEmpty()) throw new IllegalArgumentException("Name the fields, any of " + FIELDS);
        Set<String> out = new LinkedHashSet<>();
        for (String f : asked) {
            if (!FIELDS.contains(f)) throw new IllegalArgumentException("Unknown field '" + f + "': use any of " + FIELDS);
            if (!allowed.contains(f)) throw new IllegalArgumentException("Field '" + f + "' is outside the project's scope");
            out.add(f);
        }
        return out;
    }

    private static Set<String> chapters(List<String> asked) {
        if (asked == null || asked.isEmpty()) throw new IllegalArgumentException("Name the HS chapters (two digits each)");
        Set<String> out = new LinkedHashSet<>();
        for (String c : asked) {
            if (c == null || !c.matches("\\d{2}") || c.equals("00") || Integer.parseInt(c) > 97) {
                throw new IllegalArgumentException("HS chapter '" + c + "' is not 01 to 97");
            }
            out.add(c);
        }
        return out;
    }

    private static Set<Flow> flows(List<String> asked) {
        if (asked == null || asked.isEmpty()) throw new IllegalArgumentException("Name the flows: import, export");
        Set<Flow> out = new LinkedHashSet<>();
        for (String f : asked) out.add(Flow.parse(f));
        return out;
    }

    private static Map<String, Object> scope(StatisticsStore.Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.from().toString());
        m.put("to", p.to().toString());
        m.put("endDate", p.endDate().toString());
        m.put("fields", p.fields());
        m.put("hsChapters", p.hsChapters());
        m.put("flows", p.flows());
        return m;
    }

    public List<StatisticsStore.Project> projects(String researcher) { return store.projects(researcher); }

    /** A researcher sees only their own projects (404 for others'); a steward sees all. */
    public StatisticsStore.Project project(String id, String researcher) {
        return store.project(id).filter(p -> researcher == null || p.researcher().equals(researcher))
                .orElseThrow(() -> new StatisticsRefusedException(HttpStatus.NOT_FOUND, "No research project " + id));
    }

    public StatisticsStore.Project decide(String id, boolean approve, String reason, String actor) {
        StatisticsStore.Project p = project(id, null);
        if (!approve && (reason == null || reason.isBlank())) throw refuse(actor, id, HttpStatus.BAD_REQUEST, "A refusal needs its reasons");
        if (p.endDate().isBefore(LocalDate.now(clock)) && approve) throw refuse(actor, id, HttpStatus.CONFLICT, "The project has already ended");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String status = approve ? "APPROVED" : "REFUSED";
        String why = reason == null ? null : StatisticsService.truncate(reason.strip(), 1000);
        boolean done = Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.decide(id, status, approve ? Base64.getEncoder().encodeToString(secret) : null, actor, why, clock.instant())) return false;
            audit.record(actor, AuditAction.RESEARCH_PROJECT_DECIDED, AuditSubject.RESEARCH_PROJECT, id, why, write(Map.of("decision", status)));
            return true;
        }));
        if (!done) throw refuse(actor, id, HttpStatus.CONFLICT, "The project was already decided (" + p.status() + ")");
        return store.project(id).orElseThrow();
    }

    /** Checks the request against the project's scope and issues a signed link valid for the link lifetime. */
    public ExtractLink requestExtract(String projectId, ExtractRequest r, String actor) {
        StatisticsStore.Project p = project(projectId, actor);
        if (!"APPROVED".equals(p.status())) throw refuse(actor, projectId, HttpStatus.CONFLICT, "The project is " + p.status() + ", not approved");
        if (p.endDate().isBefore(LocalDate.now(clock))) throw refuse(actor, projectId, HttpStatus.FORBIDDEN, "The project ended on " + p.endDate());
        Map<String, Object> scope = new LinkedHashMap<>();
        try {
            ExtractRequest q = r == null ? new ExtractRequest(null, null, null, null, null) : r;
            YearMonth from = q.from() == null ? p.from() : TableSpec.month("from", q.from());
            YearMonth to = q.to() == null ? p.to() : TableSpec.month("to", q.to());
            if (to.isBefore(from)) throw new IllegalArgumentException("The period is reversed: " + from + " is after " + to);
            if (from.isBefore(p.from()) || to.isAfter(p.to())) {
                throw new IllegalArgumentException("The period " + from + ".." + to + " is outside the project's " + p.from() + ".." + p.to());
            }
            Set<String> fields = q.fields() == null ? p.fields() : fields(q.fields(), p.fields());
            Set<String> chapters = q.hsChapters() == null ? p.hsChapters() : chapters(q.hsChapters());
            for (String c : chapters) if (!p.hsChapters().contains(c)) throw new IllegalArgumentException("HS chapter " + c + " is outside the project's scope");
            Set<Flow> flows = q.flows() == null ? p.flows() : flows(q.flows());
            for (Flow f : flows) if (!p.flows().contains(f)) throw new IllegalArgumentException("Flow " + f.code() + " is outside the project's scope");
            scope.put("from", from.toString());
            scope.put("to", to.toString());
            scope.put("fields", fields);
            scope.put("hsChapters", chapters);
            scope.put("flows", flows.stream().map(Flow::name).toList());
            String format = q.format() == null ? "csv" : q.format().strip().toLowerCase(java.util.Locale.ROOT);
            if (!format.equals("csv") && !format.equals("parquet")) throw new IllegalArgumentException("format is csv or parquet, not '" + q.format() + "'");
            scope.put("format", format);
            scope.put("coarsenDates", Boolean.TRUE.equals(q.coarsenDates()));
            if (q.topCodePercent() != null) {
                double t = q.topCodePercent();
                if (!(t > 0 && t <= 10)) throw new IllegalArgumentException("topCodePercent is a share of the largest figures to top-code, in (0, 10]");
                scope.put("topCodePercent", t);
            }
        } catch (IllegalArgumentException e) {
            throw refuse(actor, projectId, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        Instant now = clock.instant();
        Instant expires = now.plus(linkLifetime);
        String id = UUID.randomUUID().toString().replace("-", "");
        String scopeJson = write(scope);
        tx.executeWithoutResult(s -> {
            store.insertExtract(new StatisticsStore.Extract(id, projectId, actor, scopeJson, expires, null, now));
            audit.record(actor, AuditAction.RESEARCH_EXTRACT_ISSUED, AuditSubject.RESEARCH_PROJECT, projectId, null,
                    write(Map.of("extract", id, "scope", scope, "expiresAt", expires.toString())));
        });
        long exp = expires.getEpochSecond();
        return new ExtractLink(id, "/api/v1/research/extracts/" + id + "?expires=" + exp + "&sig=" + sign(id, exp, actor), expires);
    }

    private String sign(String extractId, long expires, String actor) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(linkKey, "HmacSHA256"));
            byte[] h = mac.doFinal((extractId + "\n" + expires + "\n" + actor).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The extract's CSV, once: tampered, expired and replayed links are refused (audited). */
    public ExtractFile download(String extractId, long expires, String sig, String actor) {
        String expected = sign(extractId, expires, actor);
        if (sig == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII))) {
            throw refuse(actor, null, HttpStatus.FORBIDDEN, "The download link is not valid (altered, or issued to someone else)");
        }
        StatisticsStore.Extract e = store.extract(extractId).orElseThrow(() -> refuse(actor, null, HttpStatus.NOT_FOUND, "No extract " + extractId));
        if (e.expiresAt().getEpochSecond() != expires) throw refuse(actor, e.projectId(), HttpStatus.FORBIDDEN, "The download link is not valid");
        if (clock.instant().isAfter(e.expiresAt())) throw refuse(actor, e.projectId(), HttpStatus.GONE, "The download link expired at " + e.expiresAt());
        if (e.downloadedAt() != null) throw refuse(actor, e.projectId(), HttpStatus.GONE, "The download link was already used at " + e.downloadedAt());
        StatisticsStore.Project p = project(e.projectId(), actor);
        if (p.endDate().isBefore(LocalDate.now(clock))) throw refuse(actor, p.id(), HttpStatus.FORBIDDEN, "The project ended on " + p.endDate());
        byte[] secret = Base64.getDecoder().decode(store.secret(p.id()).orElseThrow());
        Map<String, Object> scope = read(e.scope());
        byte[] csv;
        long[] rows = {0};
        try {
            csv = extract(scope, new Pseudonyms(secret), rows);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        String fingerprint = sha256(csv);
        boolean first = Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.markDownloaded(extractId, clock.instant(), rows[0], fingerprint)) return false;
            audit.record(actor, AuditAction.RESEARCH_EXTRACT_DOWNLOADED, AuditSubject.RESEARCH_PROJECT, p.id(), null,
                    write(Map.of("extract", extractId, "scope", scope, "rows", rows[0], "sha256", fingerprint)));
            return true;
        }));
        if (!first) throw refuse(actor, p.id(), HttpStatus.GONE, "The download link was already used");
        return new ExtractFile(csv, String.valueOf(scope.getOrDefault("format", "csv")));
    }

    @SuppressWarnings("unchecked")
    private byte[] extract(Map<String, Object> scope, Pseudonyms pseudonyms, long[] rows) throws IOException {
        String format = String.valueOf(scope.getOrDefault("format", "csv"));
        if (format.equals("csv")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            write(scope, pseudonyms, rows, fieldsOf(scope), out -> ExtractWriter.csv(fieldsOf(scope), bytes));
            return bytes.toByteArray();
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("extract", ".parquet");
        try {
            boolean coarse = Boolean.TRUE.equals(scope.get("coarsenDates"));
            write(scope, pseudonyms, rows, fieldsOf(scope), out -> ExtractWriter.parquet(fieldsOf(scope), coarse, file));
            return java.nio.file.Files.readAllBytes(file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldsOf(Map<String, Object> scope) {
        return FIELDS.stream().filter(((List<String>) scope.get("fields"))::contains).toList();
    }

    interface WriterFactory {
        ExtractWriter open(Object ignored) throws IOException;
    }

    /**
     * Streams the records in scope to a writer. Coarsening: {@code coarsenDates} writes the month in place of the day;
     * {@code topCodePercent} t replaces every value, mass and duty above the (100 − t)th percentile of the extract by
     * that percentile (a first pass finds the percentiles).
     */
    @SuppressWarnings("unchecked")
    private void write(Map<String, Object> scope, Pseudonyms pseudonyms, long[] rows, List<String> fields, WriterFactory open) throws IOException {
        YearMonth from = YearMonth.parse((String) scope.get("from")), to = YearMonth.parse((String) scope.get("to"));
        Set<String> chapters = Set.copyOf((List<String>) scope.get("hsChapters"));
        Set<String> flows = Set.copyOf((List<String>) scope.get("flows"));
        boolean coarse = Boolean.TRUE.equals(scope.get("coarsenDates"));
        Number topCode = (Number) scope.get("topCodePercent");
        LocalDate start = from.atDay(1), end = to.plusMonths(1).atDay(1);
        java.util.function.Predicate<org.smartcustoms.statistics.TradeRecord> inScope =
                r -> flows.contains(r.flow().name()) && chapters.contains(r.hs6().substring(0, 2));
        double[] caps = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        if (topCode != null) {
            TopCodes values = new TopCodes(), masses = new TopCodes(), duties = new TopCodes();
            source.records(start, end, r -> {
                if (!inScope.test(r)) return;
                values.add(r.value());
                masses.add(r.netMassKg());
                duties.add(r.duty());
            });
            double q = 1 - topCode.doubleValue() / 100;
            caps[0] = values.quantile(q);
            caps[1] = masses.quantile(q);
            caps[2] = duties.quantile(q);
        }
        try (ExtractWriter w = open.open(null)) {
            IOException[] failure = {null};
            source.records(start, end, r -> {
                if (!inScope.test(r) || failure[0] != null) return;
                Object[] row = row(r, fields, coarse, pseudonyms, caps);
                try {
                    w.write(row);
                    rows[0]++;
                } catch (IOException ex) {
                    failure[0] = ex;
                }
            });
            if (failure[0] != null) throw failure[0];
        }
    }

    /**
     * One extract row: a value per field in {@code fields}' order, trader pseudonymised, dates coarsened to the month
     * when asked, value / net mass / duty capped at {@code caps} (top-coding; {@link Double#MAX_VALUE} for none).
     */
    static Object[] row(org.smartcustoms.statistics.TradeRecord r, List<String> fields, boolean coarse, Pseudonyms pseudonyms, double[] caps) {
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (fields.get(i)) {
                case "date" -> coarse ? r.month().toString() : r.date();
                case "month" -> r.month().toString();
                case "flow" -> r.flow().code();
                case "hs6" -> r.hs6();
                case "partner" -> r.partner();
                case "office" -> r.office();
                case "trader" -> pseudonyms.of(r.traderId());
                case "value" -> (long) Math.min(r.value(), caps[0]);
                case "netMassKg" -> Math.min(r.netMassKg(), caps[1]);
                case "duty" -> (long) Math.min(r.duty(), caps[2]);
                default -> "";
            };
        }
        return row;
    }

    /** The figures of one column, for its top-coding percentile. */
    private static final class TopCodes {
        private double[] values = new double[1024];
        private int n;

        void add(double v) {
            if (n == values.length) values = java.util.Arrays.copyOf(values, n * 2);
            values[n++] = v;
        }

        /** The q-quantile (nearest rank); no cap for an empty column. */
        double quantile(double q) {
            if (n == 0) return Double.MAX_VALUE;
            double[] sorted = java.util.Arrays.copyOf(values, n);
            java.util.Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * n) - 1;
            return sorted[Math.max(0, Math.min(n - 1, rank))];
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
