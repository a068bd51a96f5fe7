package org.smartcustoms.server.tariff;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.tariff.Classification;
import org.smartcustoms.tariff.EstimateRequest;
import org.smartcustoms.tariff.ItemAssessment;
import org.smartcustoms.tariff.SearchHit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Tariff look-ups, the duty estimator for traders, and tariff file imports for administrators. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tariff", description = "Nomenclature, rates, duty estimator")
public class TariffController {
    private final TariffService tariff;
    private final java.time.Clock clock;

    TariffController(TariffService tariff, java.time.Clock clock) {
        this.tariff = tariff;
        this.clock = clock;
    }

    /** Estimator input; only hsCode, value, currency are required (date defaults to today). */
    public record EstimateBody(String hsCode, String origin, BigDecimal value, String currency, BigDecimal quantity,
                               String unit, LocalDate date, String agreement, Boolean proofOfOrigin, String incoterm,
                               BigDecimal freight, BigDecimal insurance) { }

    @Operation(summary = "Estimate duties and taxes before shipping",
            description = "Same calculation as the assessment of an accepted declaration. Unknown codes answer 422 with the nearest valid codes.")
    @PostMapping("/estimate")
    ItemAssessment estimate(@RequestBody EstimateBody b) {
        if (b.value() == null) throw new IllegalArgumentException("value is required");
        EstimateRequest r = new EstimateRequest(b.hsCode(), b.origin(), b.value(), b.currency(), b.quantity(), b.unit(),
                b.date() == null ? LocalDate.now(clock) : b.date(), b.agreement(), Boolean.TRUE.equals(b.proofOfOrigin()),
                b.incoterm(), b.freight(), b.insurance());
        return tariff.assessor().estimate(r);
    }

    @Operation(summary = "A commodity code with its full hierarchy (section → chapter → heading → subheading → national line)")
    @GetMapping("/tariff/codes/{code}")
    Classification lookup(@PathVariable String code,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return tariff.nomenclature().require(code, date == null ? LocalDate.now(clock) : date);
    }

    @Operation(summary = "Search the nomenclature by text (ranked)")
    @GetMapping("/tariff/search")
    List<SearchHit> search(@RequestParam("q") String q, @RequestParam(defaultValue = "10") int limit,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        if (q.isBlank()) throw new IllegalArgumentException("q must not be empty");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return tariff.nomenclature().search(q, date == null ? LocalDate.now(clock) : date, Math.max(1, Math.min(limit, 100)));
    }

    /** What forms need to speak the administration's language: its national currency and the currencies it has rates for. */
    public record TariffProfile(String nationalCurrency, java.util.Set<String> currencies) { }

    @Operation(summary = "The national currency and the currencies with exchange rates (form defaults)")
    @GetMapping("/tariff/profile")
    TariffProfile profile() {
        var fx = tariff.data().exchangeRates();
        return new TariffProfile(fx.nationalCurrency(), fx.currencies());
    }

    @Operation(summary = "Which tariff files are in force")
    @GetMapping("/tariff/sources")
    Object sources() {
        return tariff.sources();
    }

    @Operation(summary = "Import a tariff file (ADMIN): hs, sections, nomenclature, rates or exchange-rates",
            description = "Body is the CSV file (text/csv). A file with any error is rejected whole with line numbers.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/plain"), @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/octet-stream")}))
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping(value = "/admin/tariff/{kind}", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<TariffService.ImportResult> importFile(@PathVariable String kind,
                                                          @RequestParam(defaultValue = "upload.csv") String name,
                                                          HttpServletRequest request) throws IOException {
        byte[] body = org.smartcustoms.server.web.RequestBodies.readLimited(request.getInputStream(), 64L * 1024 * 1024);
        return ResponseEntity.status(HttpStatus.CREATED).body(tariff.importFile(TariffFileKind.parse(kind), name,
                strictUtf8(body), CurrentUser.get().username()));
    }

    /** The upload as UTF-8; invalid bytes (another encoding, a binary file) are refused, not replaced. */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("the tariff file is not valid UTF-8 text; save it as UTF-8 CSV");
        }
    }
}
