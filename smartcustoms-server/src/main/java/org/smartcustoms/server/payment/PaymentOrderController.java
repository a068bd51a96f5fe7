package org.smartcustoms.server.payment;

import java.util.List;

import org.smartcustoms.server.declaration.DeclarationNotFoundException;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.DeclarationView;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Payment orders of a declaration, for its declarant (or importer) and customs users. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Declarations")
class PaymentOrderController {
    private final PaymentOrders orders;
    private final DeclarationStore declarations;

    PaymentOrderController(PaymentOrders orders, DeclarationStore declarations) {
        this.orders = orders;
        this.declarations = declarations;
    }

    @Operation(summary = "Payment orders of a declaration, oldest first (amount due, currency, due date, reference, new total)")
    @GetMapping("/declarations/{id}/payment-orders")
    List<PaymentOrder> list(@PathVariable String id) {
        StoredDeclaration s = declarations.find(id).filter(d -> DeclarationView.mayView(d, CurrentUser.get()))
                .orElseThrow(() -> new DeclarationNotFoundException(id));
        return orders.forDeclaration(s.id());
    }
}
