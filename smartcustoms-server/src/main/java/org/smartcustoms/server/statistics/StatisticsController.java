package org.smartcustoms.server.statistics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.statistics.ProtectedTable;
import org.smartcustoms.statistics.TableSpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Trade statistics under disclosure control: the open protected query, published tables, and the steward's definitions. */
@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "Trade statistics", description = "Disclosure-protected trade tables (public) and their publication (data stewards)")
class StatisticsController {
    private final StatisticsService service;

    StatisticsController(StatisticsService service) {
        this.service = service;
    }

    /** A published table's summary. */
    record TableInfo(String id, String name, TableSpec spec, String status, String createdBy, java.time.Instant publishedAt) {
        static TableInfo of(StatisticsStore.StatTable t) {
            return new TableInfo(t.id(), t.name(), t.spec(), t.status(), t.createdBy(), t.publishedAt());
        }
    }

    /** A definition from a data steward. */
    record TableRequest(String name, String flow, String from, String to, String by) { }

    private static String actor() {
        try {
            return CurrentUser.get().username();
        } catch (RuntimeException e) {
            return AuditTrail.ANONYMOUS;
        }
    }

    @Operation(summary = "A protected trade table (public, no sign-in)",
            description = "flow=import|export, from=YYYY-MM, to=YYYY-MM, by=any 1 to 3 of hs2,hs4,hs6,partner,office,month. Cells with "
                    + "too few traders, a dominant trader (n,k) or failing the p% rule are suppressed, with complementary suppressions "
                    + "so that no suppressed cell can be recovered or narrowed from the published cells and totals; suppressed cells have "
                    + "null figures and a reason. Totals are exact sums over the data.")
    @GetMapping("/trade")
    ProtectedTable trade(@RequestParam(required = false) String flow, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
        String actor = actor();
        return service.query(service.spec(flow, from, to, by, actor), actor);
    }

    @Operation(summary = "Published tables (public)")
    @GetMapping("/tables")
    List<TableInfo> tables() {
        return service.published().stream().map(TableInfo::of).toList();
    }

    @Operation(summary = "A published table with its cells (public)")
    @GetMapping("/tables/{id}")
    ProtectedTable table(@PathVariable String id) {
        return service.publishedTable(id);
    }

    @Operation(summary = "A published table as CSV (public); suppressed cells are empty with their reason")
    @GetMapping(value = "/tables/{id}/csv", produces = "text/csv")
    ResponseEntity<byte[]> csv(@PathVariable String id) {
        ProtectedTable t = service.publishedTable(id);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"table-" + id + ".csv\"")
                .body(TableCsv.write(t).getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "All tables, drafts included (data stewards)")
    @GetMapping("/definitions")
    List<TableInfo> definitions() {
        return service.all().stream().map(TableInfo::of).toList();
    }

    @Operation(summary = "Define a table (data stewards)", description = "{name, flow, from, to, by}; publish it with POST .../publish")
    @PostMapping("/definitions")
    ResponseEntity<TableInfo> define(@RequestBody TableRequest r) {
        String actor = actor();
        TableSpec spec = service.spec(r.flow(), r.from(), r.to(), r.by(), actor);
        return ResponseEntity.status(201).body(TableInfo.of(service.define(r.name(), spec, actor)));
    }

    @Operation(summary = "Protect and publish a table on today's data (data stewards); audited with the information loss")
    @PostMapping("/definitions/{id}/publish")
    Map<String, Object> publish(@PathVariable String id) {
        StatisticsStore.StatTable t = service.publish(id, actor());
        return Map.of("table", TableInfo.of(t), "loss", service.publishedTable(id).loss());
    }
}
