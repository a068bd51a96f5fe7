package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.util.List;

import org.smartcustoms.server.security.CurrentUser;
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

/** Refunds of payments of payment orders: asked for by an officer or auditor, decided by another administrator or auditor. */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments", description = "Pay a declaration's payment orders by card, guarantees, ledger and reconciliation")
class PaymentRefundController {
    private final PaymentRefunds refunds;

    PaymentRefundController(PaymentRefunds refunds) {
        this.refunds = refunds;
    }

    public record RefundRequest(BigDecimal amount, String currency, String reason) { }

    @Operation(summary = "Ask for a refund of (part of) a paid payment of a payment order (officer or auditor); another person decides it")
    @PostMapping(value = "/{paymentId}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PaymentRefunds.RefundView> request(@PathVariable String paymentId, @RequestBody RefundRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"amount\", \"currency\", \"reason\"} is required");
        return ResponseEntity.status(HttpStatus.CREATED).body(refunds.request(paymentId, CurrentUser.get(), body.amount(), body.currency(),
                body.reason()));
    }

    @Operation(summary = "Refunds in a status, oldest first (default REQUESTED: those waiting for a decision)")
    @GetMapping("/refunds")
    List<PaymentRefunds.RefundView> list(@RequestParam(defaultValue = "REQUESTED") String status,
                                         @RequestParam(defaultValue = "500") int limit) {
        RefundStatus st;
        try {
            st = RefundStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + java.util.Arrays.toString(RefundStatus.values()));
        }
        if (limit < 1 || limit > DeclarationPaymentController.MAX_ROWS) {
            throw new IllegalArgumentException("limit must be between 1 and " + DeclarationPaymentController.MAX_ROWS);
        }
        return refunds.inStatus(st, limit, CurrentUser.get());
    }

    @Operation(summary = "Approve a refund: the provider makes it (administrator or auditor other than the one who asked)")
    @PostMapping("/refunds/{id}/approve")
    PaymentRefunds.RefundView approve(@PathVariable long id) {
        return refunds.decide(id, true, CurrentUser.get());
    }

    @Operation(summary = "Reject a refund (administrator or auditor other than the one who asked)")
    @PostMapping("/refunds/{id}/reject")
    PaymentRefunds.RefundView reject(@PathVariable long id) {
        return refunds.decide(id, false, CurrentUser.get());
    }
}
