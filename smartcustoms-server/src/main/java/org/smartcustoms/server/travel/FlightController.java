package org.smartcustoms.server.travel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.travel.TravelRecords.FlightSummary;
import org.smartcustoms.server.travel.TravelRecords.GateEvent;
import org.smartcustoms.server.travel.TravelRecords.Refund;
import org.smartcustoms.server.web.PayloadTooLargeException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Customs staff: advance passenger lists, the arrivals board, results of controls, refunds; administrators: keys, purge. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Arrivals", description = "Advance passenger information, arrivals board and travellers' controls")
public class FlightController {
    static final int MAX_LIST_BYTES = 2_000_000;
    private final FlightService flights;
    private final TravelService travel;
    private final TravelSettings settings;
    private final Clock clock;

    FlightController(FlightService flights, TravelService travel, TravelSettings settings, Clock clock) {
        this.flights = flights;
        this.travel = travel;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(summary = "Import a flight's passenger list (UN/EDIFACT PAXLST, CSV or JSON) and screen it",
            description = "Replaces the flight's earlier list for that arrival date. ?date=yyyy-mm-dd when the file has none (CSV). "
                    + "422 with every problem when the list cannot be read (nothing is stored).")
    @PostMapping(value = "/flights/{flight}/passengers", consumes = {"text/plain", "text/csv", "application/json", "application/edifact"})
    ResponseEntity<FlightService.ImportReceipt> importList(@PathVariable String flight,
                                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                                           HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > MAX_LIST_BYTES) throw new PayloadTooLargeException(MAX_LIST_BYTES);
        String text = readUtf8(req.getInputStream());
        return ResponseEntity.status(201).body(flights.importList(flight, text, date, CurrentUser.get().username()));
    }

    private static String readUtf8(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_LIST_BYTES + 1);
        if (b.length > MAX_LIST_BYTES) throw new PayloadTooLargeException(MAX_LIST_BYTES);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the passenger list must be UTF-8 text");
        }
    }

    @Operation(summary = "Flights arriving in a period (default today) with their counts")
    @GetMapping("/flights")
    List<FlightSummary> flights(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone));
        LocalDate f = from == null ? today.minusDays(1) : from;
        return flights.flights(f, to == null ? f.plusDays(2) : to);
    }

    @Operation(summary = "A flight's arrivals board: passengers and screening hits, declarations, gate events (audited read)")
    @GetMapping("/flights/{flight}/arrivals")
    FlightService.Arrivals arrivals(@PathVariable String flight,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        LocalDate d = date == null ? LocalDate.now(clock.withZone(settings.zone)) : date;
        return flights.arrivals(flight, d, CurrentUser.get().username());
    }

    /** {@code seizure}: required for PROHIBITED_GOODS_SEIZED and CASH_DETAINED (creates the enforcement seizure record). */
    public record ResultRequest(FlightService.Result result, String note, FlightService.Found seizure) { }

    @Operation(summary = "Record the result of a traveller's control (officer)")
    @PostMapping("/travel/gate-events/{id}/result")
    GateEvent result(@PathVariable long id, @RequestBody ResultRequest body) {
        requireRole(Role.OFFICER, Role.ADMIN);
        if (body == null) throw new IllegalArgumentException("result is required");
        return flights.recordResult(id, body.result(), body.note(), body.seizure(), CurrentUser.get().username());
    }

    public record RefundRequest(long amount, String reason) { }

    @Operation(summary = "Ask for a refund of a traveller's payment (officer); another person approves it")
    @PostMapping("/travel/payments/{id}/refunds")
    ResponseEntity<Refund> refund(@PathVariable String id, @RequestBody RefundRequest body) {
        requireRole(Role.OFFICER, Role.ADMIN);
        if (body == null) throw new IllegalArgumentException("amount and reason are required");
        return ResponseEntity.status(201).body(travel.requestRefund(id, body.amount(), body.reason(), CurrentUser.get().username()));
    }

    @Operation(summary = "Approve a refund (officer or administrator other than the requester)")
    @PostMapping("/travel/refunds/{id}/approve")
    Refund approve(@PathVariable long id) {
        requireRole(Role.OFFICER, Role.ADMIN);
        return travel.decideRefund(id, true, CurrentUser.get().username());
    }

    @Operation(summary = "Reject a refund (officer or administrator other than the requester)")
    @PostMapping("/travel/refunds/{id}/reject")
    Refund reject(@PathVariable long id) {
        requireRole(Role.OFFICER, Role.ADMIN);
        return travel.decideRefund(id, false, CurrentUser.get().username());
    }

    @Operation(summary = "Delete traveller records without a hit older than the retention period (administrator)")
    @PostMapping("/travel/purge")
    Map<String, Integer> purge() {
        return travel.purge(CurrentUser.get().username());
    }

    @Operation(summary = "Rotate the QR signing key (administrator); codes signed before stay valid")
    @PostMapping("/travel/keys/rotate")
    Map<String, String> rotate() {
        return Map.of("keyId", travel.rotateKey(CurrentUser.get().username()));
    }

    public record TravelSettingsView(double randomShare) { }

    @Operation(summary = "Change the share of travellers selected at random at the gate (administrator)")
    @PutMapping("/travel/settings")
    TravelSettingsView settings(@RequestBody TravelSettingsView body) {
        if (body == null) throw new IllegalArgumentException("randomShare is required");
        settings.setRandomShare(body.randomShare());
        return new TravelSettingsView(settings.randomShare());
    }

    private static void requireRole(Role... roles) {
        Role r = CurrentUser.get().role();
        for (Role x : roles) if (x == r) return;
        throw new AccessDeniedException("role " + r);
    }
}
