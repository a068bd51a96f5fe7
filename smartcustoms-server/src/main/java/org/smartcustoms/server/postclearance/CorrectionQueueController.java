package org.smartcustoms.server.postclearance;

import java.util.List;
import java.util.Locale;

import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.PostClearanceCorrection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The auditors' queue of amendments received after release, with the duty difference each implies. */
@RestController
@RequestMapping("/api/v1/post-clearance")
@PreAuthorize("hasAnyRole('AUDITOR','OFFICER','ADMIN')")
@Tag(name = "Post-clearance", description = "Post-clearance audit")
class CorrectionQueueController {
    private final DeclarationStore store;

    CorrectionQueueController(DeclarationStore store) {
        this.store = store;
    }

    @Operation(summary = "Post-release corrections (amendments after release), newest first",
            description = "status=OPEN (default) or ALL; each with the version, previous and new duty total and the difference.")
    @GetMapping("/corrections")
    List<PostClearanceCorrection> corrections(@RequestParam(defaultValue = "OPEN") String status,
                                              @RequestParam(defaultValue = "100") int limit) {
        String s = status.trim().toUpperCase(Locale.ROOT);
        if (!s.equals("OPEN") && !s.equals("ALL")) throw new IllegalArgumentException("status must be OPEN or ALL");
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be between 1 and 1000");
        return store.corrections(s.equals("ALL") ? null : s, limit);
    }
}
