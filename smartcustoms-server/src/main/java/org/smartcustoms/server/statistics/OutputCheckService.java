package org.smartcustoms.server.statistics;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.Suppressor;
import org.smartcustoms.statistics.TableSpec;
import org.smartcustoms.statistics.TradeRecordSource;
import org.smartcustoms.statistics.TradeTable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Output checking: a researcher submits a result table (CSV: 1 to 3 dimension columns named like the statistics
 * dimensions — {@code hs2, hs4, hs6, partner, office, month}, {@code *} or {@code total} for a margin — then
 * {@code value} and optionally {@code contributors}) computed from the project's extract. The system rebuilds each
 * cell from the underlying microdata within the project's scope and applies the same primary disclosure rules as the
 * published statistics (threshold, dominance, p %, confidential traders); a declared contributor count below the
 * threshold is flagged too. A data steward then releases or refuses the table, with reasons (a flagged table is
 * released only with the steward's reasons for overriding).
 */
@Service
public class OutputCheckService {
    static final int MAX_ROWS = 5000;
    static final int MAX_CHARS = 1_000_000;

    private final JdbcResearchOutputStore outputs;
    private final ResearchService research;
    private final TradeRecordSource source;
    private final StatisticsService statistics;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    OutputCheckService(JdbcResearchOutputStore outputs, ResearchService research, TradeRecordSource source, StatisticsService statistics,
                       AuditTrail audit, Clock clock, ObjectMapper json, TransactionTemplate tx) {
        this.outputs = outputs;
        this.research = research;
        this.source = source;
        this.statistics = statistics;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.tx = tx;
    }

    /** A submission: a title, the flow the table is about, the table as CSV text. */
    public record Submission(String title, String flow, String csv) { }

    /**
     * One flagged cell: its row (1 = first data row), dimension values, the rule it breaks and the traders behind it;
     * for {@code differencing}, {@code against} names the other cell (and its output, when it is another table) whose
     * difference with this one breaks the rules, and {@code contributors} counts the traders of that difference.
     */
    public record Finding(int row, Map<String, String> cell, String reason, int contributors, Map<String, String> against) {
        public Finding(int row, Map<String, String> cell, String reason, int contributors) {
            this(row, cell, reason, contributors, null);
        }
    }

    /** The check's answer and the output's state. */
    public record OutputView(String id, String projectId, String researcher, String title, String flow, List<String> dimensions,
                             int rows, int flaggedCells, List<Finding> findings, String status, String decidedBy, String decisionReason,
                             java.time.Instant createdAt, java.time.Instant decidedAt) { }

    private StatisticsRefusedException refuse(String actor, String projectId, HttpStatus status, String reason) {
        audit.record(actor, AuditAction.STATISTICS_REQUEST_REFUSED, AuditSubject.RESEARCH_PROJECT, projectId == null ? "request" : projectId,
                StatisticsService.truncate(reason, 1000), null);
        return new StatisticsRefusedException(status, reason);
    }

    public OutputView submit(String projectId, Submission s, String actor) {
        StatisticsStore.Project p = research.project(projectId, actor);
        if (!"APPROVED".equals(p.status())) throw refuse(actor, projectId, HttpStatus.CONFLICT, "The project is " + p.status() + ", not approved");
        if (p.endDate().isBefore(LocalDate.now(clock))) throw refuse(actor, projectId, HttpStatus.FORBIDDEN, "The project ended on " + p.endDate());
        List<Dimension> dims = new ArrayList<>();
        List<Map<String, String>> rows;
        Flow flow;
        String title;
        try {
            if (s == null) throw new IllegalArgumentException("The submission is empty");
            title = s.title() == null || s.title().isBlank() ? null : s.title().strip();
            if (title == null || title.length() > 300) throw new IllegalArgumentException("title is required (at most 300 characters)");
            flow = Flow.parse(s.flow());
            if (!p.flows().contains(flow)) throw new IllegalArgumentException("Flow " + flow.code() + " is outside the project's scope");
            if (s.csv() == null || s.csv().isBlank()) throw new IllegalArgumentException("csv is required: dimension columns, value[, contributors]");
            if (s.csv().length() > MAX_CHARS) throw new IllegalArgumentException("The table has more than " + MAX_CHARS + " characters");
            rows = parse(s.csv());
            if (rows.isEmpty()) throw new IllegalArgumentException("The table has no rows");
            if (rows.size() > MAX_ROWS) throw new IllegalArgumentException("The table has more than " + MAX_ROWS + " rows");
            List<String> columns = new ArrayList<>(rows.get(0).keySet());
            if (!columns.contains("value")) throw new IllegalArgumentException("The table needs a value column");
            for (String c : columns) if (!c.equals("value") && !c.equals("contributors")) dims.add(Dimension.parse(c));
            new TableSpec(flow, p.from(), p.to(), dims); // 1 to 3 dimensions, one HS level
        } catch (IllegalArgumentException e) {
            throw refuse(actor, projectId, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        TradeTable table = table(p, flow, dims);
        Suppressor suppressor = statistics.suppressor();
        List<Finding> findings = new ArrayList<>();
        List<Domain> mine = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            List<String> key = key(dims, row);
            Map<String, String> cell = new LinkedHashMap<>();
            for (int d = 0; d < dims.size(); d++) cell.put(dims.get(d).code(), key.get(d));
            if (table.cell(key) != null) mine.add(new Domain(i + 1, cell, null, table.cell(key)));
            TradeTable.Cell c = table.cell(key);
            String reason = c == null ? null : suppressor.primaryReason(c);
            int contributors = c == null ? 0 : c.contributors();
            if (c == null && nonZero(row.get("value"))) reason = "not-in-data";
            String declared = row.get("contributors");
            if (reason == null && declared != null && !declared.isBlank()) {
                try {
                    if (Integer.parseInt(declared.strip()) < suppressor.rules().minContributors()) reason = "threshold-declared";
                } catch (NumberFormatException e) {
                    throw refuse(actor, projectId, HttpStatus.BAD_REQUEST, "Row " + (i + 1) + ": contributors must be a whole number");
                }
            }
            if (reason != null) findings.add(new Finding(i + 1, cell, reason, contributors));
        }
        findings.addAll(differencing(mine, others(p, flow, actor), suppressor, findings));
        OutputView v = new OutputView(UUID.randomUUID().toString().replace("-", ""), projectId, actor, title, flow.name(),
                dims.stream().map(Dimension::code).toList(), rows.size(), findings.size(), findings, "CHECKED", null, null, clock.instant(), null);
        JdbcResearchOutputStore.Output o = new JdbcResearchOutputStore.Output(v.id(), projectId, actor, title, flow.name(),
                String.join(",", v.dimensions()), s.csv(), write(findings), findings.size(), "CHECKED", null, null, v.createdAt(), null);
        tx.executeWithoutResult(t -> {
            outputs.insert(o);
            audit.record(actor, AuditAction.RESEARCH_OUTPUT_SUBMITTED, AuditSubject.RESEARCH_PROJECT, projectId, title,
                    write(Map.of("output", v.id(), "rows", rows.size(), "flagged", findings.size(), "dimensions", v.dimensions())));
        });
        return v;
    }

    private TradeTable table(StatisticsStore.Project p, Flow flow, List<Dimension> dims) {
        TradeTable table = TradeTable.build(new TableSpec(flow, p.from(), p.to(), dims), List.of());
        source.records(p.from().atDay(1), p.to().plusMonths(1).atDay(1), r -> {
            if (p.hsChapters().contains(r.hs6().substring(0, 2))) table.add(r);
        });
        return table;
    }

    private static List<String> key(List<Dimension> dims, Map<String, String> row) {
        List<String> key = new ArrayList<>();
        for (Dimension d : dims) {
            String v = row.get(d.code()) == null ? "" : row.get(d.code()).strip();
            if (v.isEmpty() || v.equalsIgnoreCase("total")) v = Dimension.TOTAL;
            if (d.isHs() || d == Dimension.PARTNER) v = v.toUpperCase(Locale.ROOT);
            key.add(v);
        }
        return key;
    }

    /**
     * A cell as the set of goods items it covers: per dimension a node, {@code *} when the table has no such dimension
     * or the cell is its margin; the HS levels are one hierarchy (a heading lies inside its chapter).
     */
    record Domain(int row, Map<String, String> cell, String output, TradeTable.Cell figures) {
        String node(String axis) {
            for (var e : cell.entrySet()) {
                String axisOf = e.getKey().startsWith("hs") ? "hs" : e.getKey();
                if (axisOf.equals(axis)) return e.getValue();
            }
            return Dimension.TOTAL;
        }

        /** Whether every item of {@code inner} is an item of this cell. */
        boolean contains(Domain inner) {
            for (String axis : AXES) {
                String outer = node(axis), in = inner.node(axis);
                if (outer.equals(Dimension.TOTAL)) continue;
                if (in.equals(Dimension.TOTAL)) return false;
                if (axis.equals("hs") ? !in.startsWith(outer) : !in.equals(outer)) return false;
            }
            return true;
        }

        boolean sameItems(Domain other) {
            return contains(other) && other.contains(this);
        }
    }

    private static final List<String> AXES = List.of("hs", "month", "partner", "office");

    /** The cells of the project's other outputs of this flow that were not refused (released or awaiting a decision). */
    private List<Domain> others(StatisticsStore.Project p, Flow flow, String researcher) {
        List<Domain> out = new ArrayList<>();
        for (JdbcResearchOutputStore.Output o : outputs.outputs(researcher)) {
            if (!o.projectId().equals(p.id()) || !o.flow().equals(flow.name()) || "REFUSED".equals(o.status())) continue;
            List<Dimension> dims = java.util.Arrays.stream(o.dimensions().split(",")).map(Dimension::parse).toList();
            TradeTable table = table(p, flow, dims);
            List<Map<String, String>> rows = parse(o.tableCsv());
            for (int i = 0; i < rows.size(); i++) {
                List<String> key = key(dims, rows.get(i));
                if (table.cell(key) == null) continue;
                Map<String, String> cell = new LinkedHashMap<>();
                for (int d = 0; d < dims.size(); d++) cell.put(dims.get(d).code(), key.get(d));
                out.add(new Domain(i + 1, cell, o.id(), table.cell(key)));
            }
        }
        return out;
    }

    /**
     * Differencing: for every pair of cells — both in this table, or one here and one in another output of the project —
     * where one cell's items lie inside the other's, the difference of the two is a cell of its own that publishing
     * both gives away; it is checked with the same primary rules (one trader's imports recovered as a chapter minus
     * its heading in another table, a row total minus the published cells of the row, ...). Cells already flagged are
     * not repeated; an empty difference discloses nothing.
     */
    private static List<Finding> differencing(List<Domain> mine, List<Domain> others, Suppressor suppressor, List<Finding> flagged) {
        java.util.Set<Integer> done = new java.util.HashSet<>();
        for (Finding f : flagged) done.add(f.row());
        List<Finding> out = new ArrayList<>();
        List<Domain> all = new ArrayList<>(mine);
        all.addAll(others);
        for (Domain a : mine) {
            if (done.contains(a.row())) continue;
            for (Domain b : all) {
                if (a == b || a.sameItems(b)) continue;
                Domain outer = a.contains(b) ? a : b.contains(a) ? b : null;
                if (outer == null) continue;
                Domain inner = outer == a ? b : a;
                TradeTable.Cell rest = outer.figures().minus(inner.figures());
                if (rest.contributors() == 0) continue;
                String reason = suppressor.primaryReason(rest);
                if (reason == null) continue;
                Map<String, String> against = new LinkedHashMap<>(b.cell());
                if (b.output() != null) against.put("output", b.output());
                out.add(new Finding(a.row(), a.cell(), "differencing", rest.contributors(), against));
                done.add(a.row());
                break;
            }
        }
        return out;
    }

    private static boolean nonZero(String value) {
        if (value == null || value.isBlank()) return false;
        try {
            return Double.parseDouble(value.strip()) != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static List<Map<String, String>> parse(String csv) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(mapper.schemaWithHeader()).readValues(csv)) {
            while (it.hasNext()) {
                Map<String, String> row = new LinkedHashMap<>();
                it.next().forEach((k, val) -> row.put(k.strip().toLowerCase(Locale.ROOT), val));
                rows.add(row);
                if (rows.size() > MAX_ROWS) break;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The table is not valid CSV with a header row");
        }
        return rows;
    }

    private OutputView view(JdbcResearchOutputStore.Output o) {
        List<Finding> findings;
        try {
            findings = List.of(json.readValue(o.findings(), Finding[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new OutputView(o.id(), o.projectId(), o.researcher(), o.title(), o.flow(), List.of(o.dimensions().split(",")),
                (int) o.tableCsv().lines().count() - 1, o.flaggedCells(), findings, o.status(), o.decidedBy(), o.decisionReason(),
                o.createdAt(), o.decidedAt());
    }

    /** A researcher sees their own outputs (404 for others'); a steward ({@code researcher} null) all. */
    public OutputView output(String id, String researcher) {
        return outputs.output(id).filter(o -> researcher == null || o.researcher().equals(researcher)).map(this::view)
                .orElseThrow(() -> new StatisticsRefusedException(HttpStatus.NOT_FOUND, "No research output " + id));
    }

    public List<OutputView> outputs(String researcher) {
        return outputs.outputs(researcher).stream().map(this::view).collect(Collectors.toList());
    }

    /** The released table's CSV, for its researcher, once approved. */
    public String releasedCsv(String id, String researcher) {
        output(id, researcher);
        JdbcResearchOutputStore.Output o = outputs.output(id).orElseThrow();
        if (!"APPROVED".equals(o.status())) throw refuse(researcher, o.projectId(), HttpStatus.CONFLICT, "The output is " + o.status() + ", not released");
        return o.tableCsv();
    }

    public OutputView decide(String id, boolean approve, String reason, String steward) {
        OutputView o = output(id, null);
        String why = reason == null || reason.isBlank() ? null : StatisticsService.truncate(reason.strip(), 2000);
        if (!approve && why == null) throw refuse(steward, o.projectId(), HttpStatus.BAD_REQUEST, "A refusal needs its reasons");
        if (approve && o.flaggedCells() > 0 && why == null) {
            throw refuse(steward, o.projectId(), HttpStatus.BAD_REQUEST,
                    "The table has " + o.flaggedCells() + " flagged cell(s): give the reasons for releasing it anyway");
        }
        String status = approve ? "APPROVED" : "REFUSED";
        boolean done = Boolean.TRUE.equals(tx.execute(t -> {
            if (!outputs.decide(id, status, steward, why, clock.instant())) return false;
            audit.record(steward, AuditAction.RESEARCH_OUTPUT_DECIDED, AuditSubject.RESEARCH_PROJECT, o.projectId(), why,
                    write(Map.of("output", id, "decision", status, "flagged", o.flaggedCells())));
            return true;
        }));
        if (!done) throw refuse(steward, o.projectId(), HttpStatus.CONFLICT, "The output was already decided (" + o.status() + ")");
        return output(id, null);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
