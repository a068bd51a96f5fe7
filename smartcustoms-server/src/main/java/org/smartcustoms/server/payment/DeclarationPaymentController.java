package org.smartcustoms.server.payment;

import java.math.BigDecimal;
import java.util.List;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.travel.PaymentProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Cashless payment of trade declarations, guarantees, the payments ledger and its reconciliation with the provider. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Payments", description = "Pay a declaration's payment orders by card, guarantees, ledger and reconciliation")
class DeclarationPaymentController {
    static final int MAX_ROWS = 5000;
    private final DeclarationPayments payments;

    DeclarationPaymentController(DeclarationPayments payments) {
        this.payments = payments;
    }

    public record PayRequest(String cardToken, String orderReference) { }

    public record GuaranteeRequest(String reference, BigDecimal amount, String currency) { }

    @Operation(summary = "What is due on a declaration, its payments (receipts), guarantees, and whether its release waits")
    @GetMapping("/declarations/{id}/payments")
    DeclarationPayments.PaymentSummary summary(@PathVariable String id) {
        return payments.summary(id, CurrentUser.get());
    }

    @Operation(summary = "The declarant pays by card (header Idempotency-Key)", description = "Pays the named payment order, else the "
            + "first with something left to pay, else the assessed duty and taxes. Simulated provider: card tokens tok_<brand>_<last4>; "
            + "tok_declined... is declined (402). The payment is PAID only through the provider's signed webhook.")
    @PostMapping(value = "/declarations/{id}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeclarationPayments.ChargeView> pay(@PathVariable String id,
                                                       @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                                       @RequestBody PayRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"cardToken\": ...} is required");
        return ResponseEntity.status(HttpStatus.CREATED).body(payments.pay(id, CurrentUser.get(), key, body.cardToken(), body.orderReference()));
    }

    @Operation(summary = "Customs register a guarantee covering a declaration's duty (may release a declaration waiting for payment)")
    @PostMapping(value = "/declarations/{id}/guarantees", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeclarationPayments.PaymentSummary> guarantee(@PathVariable String id, @RequestBody GuaranteeRequest body) {
        if (body == null) throw new IllegalArgumentException("a body {\"reference\", \"amount\", \"currency\"} is required");
        return ResponseEntity.status(HttpStatus.CREATED).body(payments.guarantee(id, CurrentUser.get(), body.reference(), body.amount(),
                body.currency()));
    }

    @Operation(summary = "The ledger: amounts due, paid and refunded per payment order and traveller declaration, newest first")
    @GetMapping("/payments/ledger")
    DeclarationPayments.Ledger ledger(@RequestParam(defaultValue = "500") int limit) {
        return payments.ledger(limit(limit));
    }

    @Operation(summary = "Reconciliation of the ledger against the provider's settlement report: the mismatches")
    @GetMapping("/payments/reconciliation")
    DeclarationPayments.Reconciliation reconciliation(@RequestParam(defaultValue = "5000") int limit) {
        return payments.reconcile(limit(limit));
    }

    @Operation(summary = "The simulated provider's settlement report (what the provider says it took)")
    @GetMapping("/payments/providers/simulated/settlements")
    List<PaymentProvider.Settlement> settlements() {
        return payments.settlements();
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_ROWS) throw new IllegalArgumentException("limit must be between 1 and " + MAX_ROWS);
        return limit;
    }
}
