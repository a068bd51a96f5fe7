package org.smartcustoms.server.statistics;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

/** Research projects and their pseudonymised microdata extracts. */
@RestController
@RequestMapping("/api/v1/research")
@Tag(name = "Research access", description = "Researchers apply, data stewards decide, researchers download pseudonymised extracts")
class ResearchController {
    private final ResearchService service;
    private final OutputCheckService outputs;

    ResearchController(ResearchService service, OutputCheckService outputs) {
        this.service = service;
        this.outputs = outputs;
    }

    /** A steward's decision. */
    record Decision(Boolean approve, String reason) { }

    private static UserAccount user() { return CurrentUser.get(); }

    private static UserAccount role(Role role) {
        UserAccount u = user();
        if (u.role() != role) throw new StatisticsRefusedException(HttpStatus.FORBIDDEN, "Only a " + role + " may do this");
        return u;
    }

    @Operation(summary = "Apply for a research project (researchers)",
            description = "{title, institution, purpose, legalBasis, from: YYYY-MM, to: YYYY-MM, endDate: yyyy-mm-dd, fields: [" 
                    + "date|month|flow|hs6|partner|office|trader|value|netMassKg|duty], hsChapters: [\"84\", ...], flows: [import|export]}")
    @PostMapping("/projects")
    ResponseEntity<StatisticsStore.Project> apply(@RequestBody ResearchService.ProjectRequest r) {
        return ResponseEntity.status(201).body(service.apply(r, role(Role.RESEARCHER).username()));
    }

    @Operation(summary = "Research projects: a researcher's own, all for data stewards")
    @GetMapping("/projects")
    List<StatisticsStore.Project> projects() {
        UserAccount u = user();
        return service.projects(u.role() == Role.DATA_STEWARD ? null : u.username());
    }

    @Operation(summary = "One project")
    @GetMapping("/projects/{id}")
    StatisticsStore.Project project(@PathVariable String id) {
        UserAccount u = user();
        return service.project(id, u.role() == Role.DATA_STEWARD ? null : u.username());
    }

    @Operation(summary = "Approve or refuse a project (data stewards)", description = "{approve: true|false, reason} (reasons required to refuse)")
    @PostMapping("/projects/{id}/decision")
    StatisticsStore.Project decide(@PathVariable String id, @RequestBody Decision d) {
        String steward = role(Role.DATA_STEWARD).username();
        if (d == null || d.approve() == null) throw new StatisticsRefusedException(HttpStatus.BAD_REQUEST, "Say approve: true or false");
        return service.decide(id, d.approve(), d.reason(), steward);
    }

    @Operation(summary = "Request an extract within the project's scope (the project's researcher)",
            description = "{from, to, fields, hsChapters, flows, format: csv|parquet, coarsenDates: bool, topCodePercent: (0,10]} (omitted = the whole scope, CSV). 201 with a signed link that works once, "
                    + "for the signed-in researcher, until expiresAt.")
    @PostMapping("/projects/{id}/extracts")
    ResponseEntity<ResearchService.ExtractLink> extract(@PathVariable String id, @RequestBody(required = false) ResearchService.ExtractRequest r) {
        return ResponseEntity.status(201).body(service.requestExtract(id, r, role(Role.RESEARCHER).username()));
    }

    @Operation(summary = "Download an extract (CSV or Parquet, as requested) through its signed link, once")
    @GetMapping(value = "/extracts/{id}", produces = {"text/csv", "application/vnd.apache.parquet"})
    ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam long expires, @RequestParam String sig) {
        ResearchService.ExtractFile file = service.download(id, expires, sig, role(Role.RESEARCHER).username());
        MediaType type = file.format().equals("parquet") ? new MediaType("application", "vnd.apache.parquet")
                : new MediaType("text", "csv", StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"extract-" + id + "." + file.format() + "\"").body(file.bytes());
    }

    @Operation(summary = "Submit a result table for output checking (the project's researcher)",
            description = "{title, flow: import|export, csv}: CSV with 1 to 3 dimension columns (hs2|hs4|hs6|partner|office|month; * or total "
                    + "for a margin), value and optionally contributors. Each cell is rebuilt from the microdata in the project's scope and "
                    + "checked with the publication's primary disclosure rules; 201 with the flagged cells.")
    @PostMapping("/projects/{id}/outputs")
    ResponseEntity<OutputCheckService.OutputView> submitOutput(@PathVariable String id, @RequestBody(required = false) OutputCheckService.Submission s) {
        return ResponseEntity.status(201).body(outputs.submit(id, s, role(Role.RESEARCHER).username()));
    }

    @Operation(summary = "Submitted outputs: a researcher's own, all for data stewards")
    @GetMapping("/outputs")
    List<OutputCheckService.OutputView> outputs() {
        UserAccount u = user();
        return outputs.outputs(u.role() == Role.DATA_STEWARD ? null : u.username());
    }

    @Operation(summary = "One submitted output with its findings")
    @GetMapping("/outputs/{id}")
    OutputCheckService.OutputView output(@PathVariable String id) {
        UserAccount u = user();
        return outputs.output(id, u.role() == Role.DATA_STEWARD ? null : u.username());
    }

    @Operation(summary = "Release or refuse an output (data stewards)",
            description = "{approve: true|false, reason}: reasons required to refuse, and to release a table with flagged cells")
    @PostMapping("/outputs/{id}/decision")
    OutputCheckService.OutputView decideOutput(@PathVariable String id, @RequestBody Decision d) {
        String steward = role(Role.DATA_STEWARD).username();
        if (d == null || d.approve() == null) throw new StatisticsRefusedException(HttpStatus.BAD_REQUEST, "Say approve: true or false");
        return outputs.decide(id, d.approve(), d.reason(), steward);
    }

    @Operation(summary = "The released table (CSV), for its researcher once approved")
    @GetMapping(value = "/outputs/{id}/csv", produces = "text/csv")
    ResponseEntity<String> releasedOutput(@PathVariable String id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(outputs.releasedCsv(id, role(Role.RESEARCHER).username()));
    }
}
