package org.smartcustoms.server.enforcement;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a seizure file all-or-nothing: every row is checked and stored in one transaction; any error (each given
 * with its line number) stores nothing. The same file twice (SHA-256 fingerprint) or a row whose {@code reference}
 * was imported before is refused (409 / 422).
 */
@Service
class EnforcementImport {
    /** Import result: the file's fingerprint and the seizures stored, in file order. */
    record Imported(String fingerprint, int count, List<String> seizures) { }

    private final EnforcementService service;
    private final JdbcEnforcementStore store;
    private final AuditTrail audit;
    private final Clock clock;

    EnforcementImport(EnforcementService service, JdbcEnforcementStore store, AuditTrail audit, Clock clock) {
        this.service = service;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Imported importFile(byte[] bytes, String fileName, String actor) {
        List<SeizureFile.Line> lines = SeizureFile.read(bytes);
        String fp = sha256(bytes);
        Optional<Map<String, Object>> before = store.importOf(fp);
        if (before.isPresent()) {
            throw new EnforcementExchangeException(HttpStatus.CONFLICT, "this file was already imported by " + before.get().get("imported_by")
                    + " (" + before.get().get("seizures") + " seizures, the first " + before.get().get("first_seizure") + "); nothing was stored again");
        }
        String name = fileName == null || fileName.isBlank() ? null : fileName.strip();
        if (name != null && name.length() > 200) name = name.substring(0, 200);
        List<String> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> references = new HashMap<>();
        for (SeizureFile.Line l : lines) {
            try {
                String ref = l.get("reference");
                String key = null;
                if (ref != null) {
                    if (ref.length() > 80) throw new IllegalArgumentException("reference must be at most 80 characters");
                    Integer seen = references.putIfAbsent(ref, l.number());
                    if (seen != null) throw new IllegalArgumentException("reference " + ref + " is already on line " + seen);
                    key = "import-ref:" + ref;
                    Optional<String> earlier = store.seizureByKey(key);
                    if (earlier.isPresent()) throw new IllegalArgumentException("reference " + ref + " was imported before as " + earlier.get());
                }
                var r = new EnforcementRequests.SeizureRequest(date(l.get("date")), l.get("office"), l.get("detectionMethod"),
                        l.get("category"), l.get("goods"), number("quantity", l.get("quantity")), l.get("unit"),
                        number("value", l.get("value")), l.get("currency"), l.get("concealment"), l.get("conveyance"),
                        new EnforcementRequests.Route(l.get("departure"), transit(l.get("transit")), l.get("destination")),
                        List.of(), List.of(), l.get("outcome"), null);
                if (r.detectionMethod() == null) {
                    r = new EnforcementRequests.SeizureRequest(r.date(), r.office(), "OTHER", r.category(), r.goods(), r.quantity(), r.unit(),
                            r.value(), r.currency(), r.concealment(), r.conveyance(), r.route(), r.involved(), r.declarationIds(), r.outcome(), null);
                }
                ids.add(service.recordSeizure(r, key, actor).seizure().id());
            } catch (IllegalArgumentException | NullPointerException e) {
                if (errors.size() < 100) errors.add("line " + l.number() + ": " + (e.getMessage() == null ? "invalid row" : e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new EnforcementExchangeException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "the file was not imported: " + errors.size() + (errors.size() == 1 ? " row has an error" : " rows have errors")
                            + "; nothing was stored", errors);
        }
        try {
            store.insertImport(fp, name, ids.size(), ids.get(0), actor, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new EnforcementExchangeException(HttpStatus.CONFLICT, "this file is being imported by another request; nothing was stored");
        }
        audit.record(actor, AuditAction.ENFORCEMENT_RECORDED, AuditSubject.ENFORCEMENT, "import:" + fp.substring(0, 16),
                "imported " + ids.size() + " seizures" + (name == null ? "" : " from " + name), null);
        return new Imported(fp, ids.size(), ids);
    }

    private static LocalDate date(String s) {
        if (s == null) throw new IllegalArgumentException("date is required");
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be a date such as 2026-03-14, not \"" + cut(s) + "\"");
        }
    }

    private static BigDecimal number(String field, String s) {
        if (s == null) return null;
        try {
            return new BigDecimal(s.replace(" ", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, not \"" + cut(s) + "\"");
        }
    }

    private static List<String> transit(String s) {
        return s == null ? List.of() : Arrays.stream(s.split("[;|]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static String cut(String s) { return s.length() > 40 ? s.substring(0, 40) + "…" : s; }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
