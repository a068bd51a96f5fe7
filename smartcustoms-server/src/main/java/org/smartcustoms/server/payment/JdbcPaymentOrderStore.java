package org.smartcustoms.server.payment;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Payment orders in table {@code payment_order}. */
@Repository
class JdbcPaymentOrderStore implements PaymentOrderStore {
    private final JdbcTemplate jdbc;

    JdbcPaymentOrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(PaymentOrder o) {
        jdbc.update("""
                INSERT INTO payment_order (reference, declaration_id, kind, amount, currency, assessed_total, new_total,
                  due_date, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                o.reference(), o.declarationId(), o.kind().name(), o.amount(), o.currency(), o.assessedTotal(), o.newTotal(),
                Date.valueOf(o.dueDate()), Timestamp.from(o.issuedAt()));
    }

    @Override
    public List<PaymentOrder> forDeclaration(String declarationId) {
        return jdbc.query("SELECT * FROM payment_order WHERE declaration_id = ? ORDER BY id", (rs, n) -> new PaymentOrder(
                rs.getString("reference"), rs.getString("declaration_id"), PaymentOrder.Kind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"), rs.getString("currency"), rs.getBigDecimal("assessed_total"),
                rs.getBigDecimal("new_total"), rs.getDate("due_date").toLocalDate(), rs.getTimestamp("issued_at").toInstant()),
                declarationId);
    }
}
