package org.smartcustoms.server.inspection;

import org.smartcustoms.server.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Retraining the fraud model from recorded inspection outcomes (administrators only; the result is not promoted). */
@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class RetrainController {
    private final ModelRetraining retraining;

    RetrainController(ModelRetraining retraining) {
        this.retraining = retraining;
    }

    @Operation(summary = "Train and register a new model version from inspection results",
            description = "409 when fewer than minResults (default 50) declarations have results or all have the same outcome. "
                    + "The new version is registered with its dossier but not promoted.")
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/retrain")
    @ResponseStatus(HttpStatus.CREATED)
    ModelRetraining.Outcome retrain(@RequestParam(required = false) Integer minResults) {
        return retraining.retrain(minResults, CurrentUser.get().username(), s -> { });
    }
}
