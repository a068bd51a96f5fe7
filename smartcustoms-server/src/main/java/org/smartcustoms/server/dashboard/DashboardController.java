package org.smartcustoms.server.dashboard;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Management dashboard for customs users. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Dashboard")
class DashboardController {
    private final Dashboard dashboard;
    private final Clock clock;

    DashboardController(Dashboard dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @Operation(summary = "Volumes, channel mix, hit rates, revenue recovered and release time",
            description = "Period by submission date, inclusive; defaults to the last 30 days.")
    @PreAuthorize(org.smartcustoms.server.security.Role.CUSTOMS_STAFF_EXPRESSION)
    @GetMapping("/dashboard")
    Dashboard.View view(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.now(clock);
        LocalDate start = from != null ? from : end.minusDays(29);
        return dashboard.view(start, end);
    }
}
