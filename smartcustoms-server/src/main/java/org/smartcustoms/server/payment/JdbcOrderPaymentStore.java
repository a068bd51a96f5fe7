package org.smartcustoms.server.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code payment_charge} and {@code payment_guarantee}; the ledger also reads the travellers' payments
 * ({@code travel_payment}, {@code travel_declaration}) so that one ledger covers every amount taken.
 */
@Repository
class JdbcOrderPaymentStore implements OrderPaymentStore {
    private final JdbcTemplate jdbc;

    JdbcOrderPaymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Charge c) {
        jdbc.update("""
                INSERT INTO payment_charge (id, order_reference, declaration_id, idempotency_key, amount, currency, status, provider,
                  provider_ref, card_last4, paid_by, created_at, paid_at, refunded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.id(), c.orderReference(), c.declarationId(), c.idempotencyKey(), c.amount(), c.currency(), c.status(), c.provider(),
                c.providerRef(), c.cardLast4(), c.paidBy(), Timestamp.from(c.createdAt()), c.paidAt() == null ? null : Timestamp.from(c.paidAt()),
                c.refunded());
    }

    @Override
    public long insert(Refund r) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO payment_refund (payment_id, amount, currency, reason, status, requested_by, requested_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, r.paymentId());
            ps.setBigDecimal(2, r.amount());
            ps.setString(3, r.currency());
            ps.setString(4, r.reason());
            ps.setString(5, r.status().name());
            ps.setString(6, r.requestedBy());
            ps.setTimestamp(7, Timestamp.from(r.requestedAt()));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    private static Refund refund(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Refund(rs.getLong("id"), rs.getString("payment_id"), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getString("reason"), RefundStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"), decided == null ? null : decided.toInstant(),
                rs.getString("provider_ref"));
    }

    @Override
    public Optional<Refund> refund(long id) {
        return jdbc.query("SELECT * FROM payment_refund WHERE id = ?", JdbcOrderPaymentStore::refund, id).stream().findFirst();
    }

    @Override
    public Optional<Refund> refundForUpdate(long id) {
        return jdbc.query("SELECT * FROM payment_refund WHERE id = ? FOR UPDATE", JdbcOrderPaymentStore::refund, id).stream().findFirst();
    }

    @Override
    public List<Refund> refunds(String declarationId) {
        return jdbc.query("SELECT r.* FROM payment_refund r JOIN payment_charge c ON c.id = r.payment_id WHERE c.declaration_id = ? ORDER BY r.id",
                JdbcOrderPaymentStore::refund, declarationId);
    }

    @Override
    public List<Refund> refundsOfPayment(String paymentId) {
        return jdbc.query("SELECT * FROM payment_refund WHERE payment_id = ? ORDER BY id", JdbcOrderPaymentStore::refund, paymentId);
    }

    @Override
    public List<Refund> refunds(RefundStatus status, int limit) {
        return jdbc.query("SELECT * FROM payment_refund WHERE status = ? ORDER BY id", ps -> {
            ps.setMaxRows(limit);
            ps.setString(1, status.name());
        }, JdbcOrderPaymentStore::refund);
    }

    @Override
    public boolean decide(long id, RefundStatus to, String by, Instant at, String providerRef) {
        if (to == RefundStatus.REQUESTED) throw new IllegalArgumentException("a refund is decided APPROVED or REJECTED");
        Refund r = refundForUpdate(id).orElse(null);
        if (r == null || r.status() != RefundStatus.REQUESTED) return false;
        if (jdbc.update("UPDATE payment_refund SET status = ?, decided_by = ?, decided_at = ?, provider_ref = ? WHERE id = ? AND status = 'REQUESTED'",
                to.name(), by, Timestamp.from(at), providerRef, id) != 1) {
            return false;
        }
        if (to == RefundStatus.APPROVED) {
            jdbc.update("UPDATE payment_charge SET refunded = refunded + ? WHERE id = ?", r.amount(), r.paymentId());
        }
        return true;
    }

    private static Charge charge(ResultSet rs, int n) throws SQLException {
        Timestamp paid = rs.getTimestamp("paid_at");
        return new Charge(rs.getString("id"), rs.getString("order_reference"), rs.getString("declaration_id"), rs.getString("idempotency_key"),
                rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("status"), rs.getString("provider"),
                rs.getString("provider_ref"), rs.getString("card_last4"), rs.getString("paid_by"), rs.getTimestamp("created_at").toInstant(),
                paid == null ? null : paid.toInstant(), rs.getBigDecimal("refunded"));
    }

    @Override
    public Optional<Charge> charge(String id) {
        return jdbc.query("SELECT * FROM payment_charge WHERE id = ?", JdbcOrderPaymentStore::charge, id).stream().findFirst();
    }

    @Override
    public Optional<Charge> chargeForUpdate(String id) {
        return jdbc.query("SELECT * FROM payment_charge WHERE id = ? FOR UPDATE", JdbcOrderPaymentStore::charge, id).stream().findFirst();
    }

    @Override
    public Optional<Charge> chargeByKey(String declarationId, String key) {
        return jdbc.query("SELECT * FROM payment_charge WHERE declaration_id = ? AND idempotency_key = ?", JdbcOrderPaymentStore::charge,
                declarationId, key).stream().findFirst();
    }

    @Override
    public List<Charge> charges(String declarationId) {
        return jdbc.query("SELECT * FROM payment_charge WHERE declaration_id = ? ORDER BY created_at, id", JdbcOrderPaymentStore::charge,
                declarationId);
    }

    @Override
    public boolean markPaid(String id, String providerRef, Instant at) {
        return jdbc.update("UPDATE payment_charge SET status = 'PAID', provider_ref = ?, paid_at = ? WHERE id = ? AND status = 'PENDING'",
                providerRef, Timestamp.from(at), id) == 1;
    }

    @Override
    public void insert(Guarantee g) {
        jdbc.update("INSERT INTO payment_guarantee (declaration_id, reference, amount, currency, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?)",
                g.declarationId(), g.reference(), g.amount(), g.currency(), g.registeredBy(), Timestamp.from(g.registeredAt()));
    }

    @Override
    public List<Guarantee> guarantees(String declarationId) {
        return jdbc.query("SELECT * FROM payment_guarantee WHERE declaration_id = ? ORDER BY id", (rs, n) -> new Guarantee(
                rs.getString("declaration_id"), rs.getString("reference"), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getString("registered_by"), rs.getTimestamp("registered_at").toInstant()), declarationId);
    }

    @Override
    public List<LedgerLine> ledger(int limit) {
        List<LedgerLine> out = new ArrayList<>(jdbc.query("""
                SELECT o.reference, o.declaration_id, o.kind, o.amount, o.currency,
                  COALESCE((SELECT SUM(c.amount) FROM payment_charge c WHERE c.order_reference = o.reference AND c.status = 'PAID'), 0) AS paid,
                  COALESCE((SELECT SUM(c.refunded) FROM payment_charge c WHERE c.order_reference = o.reference), 0) AS refunded
                FROM payment_order o ORDER BY o.id DESC""", ps -> ps.setMaxRows(limit), (rs, n) -> new LedgerLine(
                rs.getString("kind"), rs.getString("reference"), rs.getString("declaration_id"), rs.getString("currency"),
                rs.getBigDecimal("amount"), rs.getBigDecimal("paid"), rs.getBigDecimal("refunded"))));
        out.addAll(jdbc.query("""
                SELECT id, currency, duty_due, paid, refunded FROM travel_declaration WHERE duty_due > 0 ORDER BY created_at DESC""",
                ps -> ps.setMaxRows(limit), (rs, n) -> new LedgerLine("TRAVELLER_DUTY", rs.getString("id"), rs.getString("id"),
                        rs.getString("currency"), rs.getBigDecimal("duty_due"), rs.getBigDecimal("paid"), rs.getBigDecimal("refunded"))));
        return out;
    }

    @Override
    public List<LedgerPayment> payments(int limit) {
        List<LedgerPayment> out = new ArrayList<>(jdbc.query("""
                SELECT id, order_reference, provider, provider_ref, amount, currency, status FROM payment_charge ORDER BY created_at DESC""",
                ps -> ps.setMaxRows(limit), (rs, n) -> new LedgerPayment(rs.getString("id"), "PAYMENT_ORDER", rs.getString("order_reference"),
                        rs.getString("provider"), rs.getString("provider_ref"), MinorUnits.of(rs.getBigDecimal("amount"), rs.getString("currency")),
                        rs.getString("currency"), rs.getString("status"))));
        out.addAll(jdbc.query("""
                SELECT id, declaration_id, provider, provider_ref, amount, currency, status FROM travel_payment ORDER BY created_at DESC""",
                ps -> ps.setMaxRows(limit), (rs, n) -> new LedgerPayment(rs.getString("id"), "TRAVELLER_DUTY", rs.getString("declaration_id"),
                        rs.getString("provider"), rs.getString("provider_ref"), rs.getLong("amount"), rs.getString("currency"),
                        rs.getString("status"))));
        return out;
    }

    @Override
    public List<String> coveredGreenWaiting(int limit) {
        return jdbc.queryForList("SELECT d.id FROM declaration d WHERE d.status = 'RISK_ASSESSED' AND d.risk_channel = 'GREEN' AND ("
                + "EXISTS (SELECT 1 FROM payment_charge c WHERE c.declaration_id = d.id AND c.status = 'PAID') "
                + "OR EXISTS (SELECT 1 FROM payment_guarantee g WHERE g.declaration_id = d.id)) ORDER BY d.id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                String.class);
    }
}
