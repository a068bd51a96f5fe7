package org.smartcustoms.server.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Declaration data export in the Japan Customs declaration data layout, for internal analysts only: the path is not
 * granted by any {@code ApiAccess}, so only customs staff reach it (researchers, traders, data stewards get 403).
 * Names are in it: it never leaves customs. Every export is audited with its period, row count and SHA-256.
 */
@RestController
@Tag(name = "Declaration data export", description = "Item-level declaration data for customs analysts (Japan Customs layout)")
class DeclarationDataController {
    /** The layout's columns, in order. */
    static final String HEADER = "declaration_number,declaration_date,flow,shipper_name,importer_number,importer_name,hs_code,"
            + "invoice_price,invoice_currency,taxation_base_value,taxation_base_currency,duty,quantity,unit";
    static final int MAX_DAYS = 366;

    private final JdbcDeclarationDataSource source;
    private final AuditTrail audit;
    private final ObjectMapper json;

    DeclarationDataController(JdbcDeclarationDataSource source, AuditTrail audit, ObjectMapper json) {
        this.source = source;
        this.audit = audit;
        this.json = json;
    }

    private static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date yyyy-mm-dd, not '" + text + "'");
        }
    }

    @Operation(summary = "Accepted declarations' items in the Japan Customs declaration data layout (CSV; customs staff only)",
            description = "from, to: yyyy-mm-dd (inclusive, at most 366 days). Columns: " + HEADER)
    @GetMapping(value = "/api/v1/declaration-data/export", produces = "text/csv")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
        String actor = CurrentUser.get().username();
        LocalDate start, end;
        try {
            start = day("from", from);
            end = day("to", to);
            if (end.isBefore(start)) throw new IllegalArgumentException("The period is reversed: " + start + " is after " + end);
            if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) throw new IllegalArgumentException("An export covers at most " + MAX_DAYS + " days");
        } catch (IllegalArgumentException e) {
            audit.record(actor, AuditAction.STATISTICS_REQUEST_REFUSED, AuditSubject.STATISTICS_TABLE, "declaration-data",
                    StatisticsService.truncate(e.getMessage(), 1000), null);
            throw new StatisticsRefusedException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] rows = {0};
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            IOException[] failure = {null};
            source.rows(start, end.plusDays(1), r -> {
                if (failure[0] != null) return;
                try {
                    w.write(String.join(",", text(r.declarationNumber()), r.date().toString(), r.flow(), text(r.shipperName()),
                            text(r.importerNumber()), text(r.importerName()), text(r.hsCode()), num(r.invoicePrice()), text(r.invoiceCurrency()),
                            num(r.taxationBaseValue()), text(r.taxationBaseCurrency()), num(r.duty()), num(r.quantity()), text(r.unit())));
                    w.write('\n');
                    rows[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
        }
        byte[] csv = bytes.toByteArray();
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        audit.record(actor, AuditAction.DECLARATION_DATA_EXPORTED, AuditSubject.STATISTICS_TABLE, "declaration-data", null,
                json.writeValueAsString(Map.of("from", start.toString(), "to", end.toString(), "rows", rows[0], "sha256", sha)));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"declaration-data-" + start + "-" + end + ".csv\"").body(csv);
    }

    /** CSV-quoted text (empty when absent). */
    private static String text(String s) {
        if (s == null) return "";
        if (s.matches(".*[,\"\\r\\n].*") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"").replaceAll("[\\r\\n]", " ") + "\"";
        return s;
    }

    private static String num(BigDecimal b) { return b == null ? "" : b.stripTrailingZeros().toPlainString(); }
}
