package org.smartcustoms.server.payment;

import org.smartcustoms.server.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** problem+json for a declined card and an unknown payment or refund (the rest goes to the shared ProblemHandler). */
@RestControllerAdvice(assignableTypes = {DeclarationPaymentController.class, PaymentRefundController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentProblems {
    @ExceptionHandler(PaymentDeclinedException.class)
    ResponseEntity<ProblemDetail> declined(PaymentDeclinedException e) {
        ProblemDetail p = Problems.of(HttpStatus.PAYMENT_REQUIRED, e.getMessage());
        p.setTitle("Payment declined");
        return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(PaymentNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(PaymentNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.NOT_FOUND, e.getMessage()));
    }
}
