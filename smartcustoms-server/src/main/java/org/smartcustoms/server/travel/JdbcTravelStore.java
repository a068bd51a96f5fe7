package org.smartcustoms.server.travel;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.server.travel.TravelRecords.Flight;
import org.smartcustoms.server.travel.TravelRecords.FlightSummary;
import org.smartcustoms.server.travel.TravelRecords.GateEvent;
import org.smartcustoms.server.travel.TravelRecords.PassengerRuleRow;
import org.smartcustoms.server.travel.TravelRecords.Payment;
import org.smartcustoms.server.travel.TravelRecords.Refund;
import org.smartcustoms.server.travel.TravelRecords.StoredDeclaration;
import org.smartcustoms.server.travel.TravelRecords.RuleOutcomes;
import org.smartcustoms.server.travel.TravelRecords.StoredPassenger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The travel tables of V14 (portable SQL for H2 and PostgreSQL). */
@Repository
class JdbcTravelStore implements TravelStore {
    /** Reasons are stored one per line. */
    private static final String SEP = "\n";
    private final JdbcTemplate jdbc;

    JdbcTravelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String[]> keys() {
        return jdbc.query("SELECT kid, jwk FROM travel_key ORDER BY created_at, kid", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
    }

    @Override
    public void insertKey(String kid, String jwk, Instant at) {
        jdbc.update("INSERT INTO travel_key (kid, jwk, created_at) VALUES (?, ?, ?)", kid, jwk, ts(at));
    }

    @Override
    public Optional<String> secret(String name) {
        return jdbc.queryForList("SELECT secret FROM travel_secret WHERE name = ?", String.class, name).stream().findFirst();
    }

    @Override
    public String secretOrInsert(String name, String secret, Instant at) {
        jdbc.update("INSERT INTO travel_secret (name, secret, created_at) SELECT ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM travel_secret WHERE name = ?)", name, secret, ts(at), name);
        return secret(name).orElseThrow();
    }

    @Override
    public void insert(StoredDeclaration d) {
        jdbc.update("""
                INSERT INTO travel_declaration (id, access_hash, passport_hash, surname, given_names, birth_date, nationality,
                  flight, arrival_date, details, duty_due, paid, refunded, currency, status, qr_used_at, hit, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                d.id(), d.accessHash(), d.passportHash(), d.surname(), d.givenNames(), Date.valueOf(d.birthDate()),
                d.nationality(), d.flight(), Date.valueOf(d.arrivalDate()), d.details(), d.dutyDue(), d.paid(), d.refunded(),
                d.currency(), d.status(), d.qrUsedAt() == null ? null : ts(d.qrUsedAt()), d.hit(), ts(d.createdAt()));
    }

    private static final String DECL = "SELECT id, access_hash, passport_hash, surname, given_names, birth_date, nationality, flight, "
            + "arrival_date, details, duty_due, paid, refunded, currency, status, qr_used_at, hit, created_at FROM travel_declaration ";
    private static final RowMapper<StoredDeclaration> DECL_ROW = (rs, i) -> new StoredDeclaration(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8),
            rs.getDate(9).toLocalDate(), rs.getString(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14),
            rs.getString(15), instant(rs, 16), rs.getBoolean(17), instant(rs, 18));

    @Override
    public Optional<StoredDeclaration> declaration(String id) {
        return jdbc.query(DECL + "WHERE id = ?", DECL_ROW, id).stream().findFirst();
    }

    @Override
    public List<StoredDeclaration> declarations(String flight, LocalDate arrival) {
        return jdbc.query(DECL + "WHERE flight = ? AND arrival_date = ? ORDER BY created_at, id", DECL_ROW, flight, Date.valueOf(arrival));
    }

    @Override
    public boolean useQr(String id, Instant at) {
        return jdbc.update("UPDATE travel_declaration SET qr_used_at = ? WHERE id = ? AND qr_used_at IS NULL", ts(at), id) == 1;
    }

    @Override
    public void setStatus(String id, String status, boolean hit) {
        jdbc.update("UPDATE travel_declaration SET status = ?, hit = (hit OR ?) WHERE id = ?", status, hit, id);
    }

    @Override
    public void insert(Payment p) {
        jdbc.update("""
                INSERT INTO travel_payment (id, declaration_id, idempotency_key, amount, currency, status, provider, provider_ref,
                  card_last4, created_at, paid_at, refunded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                p.id(), p.declarationId(), p.idempotencyKey(), p.amount(), p.currency(), p.status(), p.provider(), p.providerRef(),
                p.cardLast4(), ts(p.createdAt()), p.paidAt() == null ? null : ts(p.paidAt()), p.refunded());
    }

    private static final String PAY = "SELECT id, declaration_id, idempotency_key, amount, currency, status, provider, provider_ref, "
            + "card_last4, created_at, paid_at, refunded FROM travel_payment ";
    private static final RowMapper<Payment> PAY_ROW = (rs, i) -> new Payment(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
            instant(rs, 11), rs.getLong(12));

    @Override
    public Optional<Payment> payment(String id) {
        return jdbc.query(PAY + "WHERE id = ?", PAY_ROW, id).stream().findFirst();
    }

    @Override
    public Optional<Payment> paymentByKey(String declarationId, String key) {
        return jdbc.query(PAY + "WHERE declaration_id = ? AND idempotency_key = ?", PAY_ROW, declarationId, key).stream().findFirst();
    }

    @Override
    public List<Payment> payments(String declarationId) {
        return jdbc.query(PAY + "WHERE declaration_id = ? ORDER BY created_at, id", PAY_ROW, declarationId);
    }

    @Override
    public boolean recordWebhookEvent(String eventId, String paymentId, String kind, Instant at) {
        return jdbc.update("INSERT INTO travel_webhook_event (event_id, payment_id, kind, received_at) SELECT ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM travel_webhook_event WHERE event_id = ?)", eventId, paymentId, kind, ts(at), eventId) == 1;
    }

    @Override
    public boolean markPaid(String paymentId, String providerRef, Instant at) {
        Payment p = jdbc.query(PAY + "WHERE id = ? FOR UPDATE", PAY_ROW, paymentId).stream().findFirst().orElse(null);
        if (p == null || !p.status().equals("PENDING")) return false;
        jdbc.update("UPDATE travel_payment SET status = 'PAID', provider_ref = ?, paid_at = ? WHERE id = ? AND status = 'PENDING'",
                providerRef, ts(at), paymentId);
        jdbc.update("UPDATE travel_declaration SET paid = paid + ?, status = CASE WHEN status = 'DECLARED' THEN 'PAID' ELSE status END "
                + "WHERE id = ?", p.amount(), p.declarationId());
        return true;
    }

    @Override
    public void insert(Refund r) {
        jdbc.update("INSERT INTO travel_refund (payment_id, amount, reason, status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?)",
                r.paymentId(), r.amount(), r.reason(), r.status(), r.requestedBy(), ts(r.requestedAt()));
    }

    private static final String REF = "SELECT id, payment_id, amount, reason, status, requested_by, requested_at, decided_by, decided_at "
            + "FROM travel_refund ";
    private static final RowMapper<Refund> REF_ROW = (rs, i) -> new Refund(rs.getLong(1), rs.getString(2), rs.getLong(3),
            rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7), rs.getString(8), instant(rs, 9));

    @Override
    public Optional<Refund> refund(long id) {
        return jdbc.query(REF + "WHERE id = ?", REF_ROW, id).stream().findFirst();
    }

    @Override
    public List<Refund> refunds(String paymentId) {
        return jdbc.query(REF + "WHERE payment_id = ? ORDER BY id", REF_ROW, paymentId);
    }

    @Override
    public boolean decideRefund(long id, boolean approve, String by, Instant at) {
        Refund r = jdbc.query(REF + "WHERE id = ? FOR UPDATE", REF_ROW, id).stream().findFirst().orElse(null);
        if (r == null || !r.status().equals("REQUESTED")) return false;
        jdbc.update("UPDATE travel_refund SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                approve ? "APPROVED" : "REJECTED", by, ts(at), id);
        if (approve) {
            jdbc.update("UPDATE travel_payment SET refunded = refunded + ? WHERE id = ?", r.amount(), r.paymentId());
            jdbc.update("UPDATE travel_declaration SET refunded = refunded + ? WHERE id = (SELECT declaration_id FROM travel_payment WHERE id = ?)",
                    r.amount(), r.paymentId());
        }
        return true;
    }

    @Override
    public void replacePassengers(Flight f, List<StoredPassenger> passengers) {
        Date day = Date.valueOf(f.arrivalDate());
        jdbc.update("DELETE FROM travel_passenger WHERE flight = ? AND arrival_date = ?", f.flight(), day);
        jdbc.update("DELETE FROM travel_flight WHERE flight = ? AND arrival_date = ?", f.flight(), day);
        jdbc.update("INSERT INTO travel_flight (flight, arrival_date, format, passengers, hits, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                f.flight(), day, f.format(), f.passengers(), f.hits(), ts(f.receivedAt()), f.receivedBy());
        jdbc.batchUpdate("""
                INSERT INTO travel_passenger (flight, arrival_date, surname, given_names, birth_date, nationality, document_hash, sex, hits, hit,
                  departure, document_country, group_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", passengers, 500, (ps, p) -> {
            ps.setString(1, f.flight());
            ps.setDate(2, day);
            ps.setString(3, p.surname());
            ps.setString(4, p.givenNames());
            ps.setDate(5, Date.valueOf(p.birthDate()));
            ps.setString(6, p.nationality());
            ps.setString(7, p.documentHash());
            ps.setString(8, p.sex().substring(0, 1));
            ps.setString(9, String.join(SEP, p.hits()));
            ps.setBoolean(10, !p.hits().isEmpty());
            ps.setString(11, p.departure());
            ps.setString(12, p.documentCountry());
            ps.setInt(13, p.groupSize());
        });
    }

    @Override
    public Optional<Flight> flight(String flight, LocalDate arrival) {
        return jdbc.query("SELECT flight, arrival_date, format, passengers, hits, received_at, received_by FROM travel_flight "
                + "WHERE flight = ? AND arrival_date = ?", (rs, i) -> new Flight(rs.getString(1), rs.getDate(2).toLocalDate(),
                rs.getString(3), rs.getInt(4), rs.getInt(5), instant(rs, 6), rs.getString(7)), flight, Date.valueOf(arrival))
                .stream().findFirst();
    }

    @Override
    public List<StoredPassenger> passengers(String flight, LocalDate arrival) {
        return jdbc.query("SELECT id, flight, arrival_date, surname, given_names, birth_date, nationality, document_hash, sex, hits, "
                + "departure, document_country, group_size "
                + "FROM travel_passenger WHERE flight = ? AND arrival_date = ? ORDER BY id", (rs, i) -> new StoredPassenger(rs.getLong(1),
                rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getDate(6).toLocalDate(),
                rs.getString(7), rs.getString(8), rs.getString(9), lines(rs.getString(10)), rs.getString(11), rs.getString(12),
                rs.getInt(13)), flight, Date.valueOf(arrival));
    }

    @Override
    public List<FlightSummary> flights(LocalDate from, LocalDate to) {
        Map<String, FlightSummary> out = new LinkedHashMap<>();
        Object[] range = {Date.valueOf(from), Date.valueOf(to)};
        jdbc.query("SELECT flight, arrival_date, passengers, hits FROM travel_flight WHERE arrival_date BETWEEN ? AND ?",
                (ResultSet rs) -> {
                    String k = rs.getString(1) + "|" + rs.getDate(2);
                    out.put(k, new FlightSummary(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getInt(3), rs.getInt(4), 0, 0, 0, 0, true));
                }, range);
        jdbc.query("SELECT flight, arrival_date, COUNT(*) FROM travel_declaration WHERE arrival_date BETWEEN ? AND ? GROUP BY flight, arrival_date",
                (ResultSet rs) -> {
                    String k = rs.getString(1) + "|" + rs.getDate(2);
                    FlightSummary s = out.getOrDefault(k, new FlightSummary(rs.getString(1), rs.getDate(2).toLocalDate(), 0, 0, 0, 0, 0, 0, false));
                    out.put(k, new FlightSummary(s.flight(), s.arrivalDate(), s.passengers(), s.watchHits(), rs.getInt(3), 0, 0, 0, s.passengerListReceived()));
                }, range);
        jdbc.query("SELECT flight, arrival_date, decision, COUNT(*) FROM travel_gate_event WHERE flight IS NOT NULL AND arrival_date BETWEEN ? AND ? "
                + "GROUP BY flight, arrival_date, decision", (ResultSet rs) -> {
                    String k = rs.getString(1) + "|" + rs.getDate(2);
                    FlightSummary s = out.getOrDefault(k, new FlightSummary(rs.getString(1), rs.getDate(2).toLocalDate(), 0, 0, 0, 0, 0, 0, false));
                    int n = rs.getInt(4);
                    String d = rs.getString(3);
                    out.put(k, new FlightSummary(s.flight(), s.arrivalDate(), s.passengers(), s.watchHits(), s.declarations(),
                            s.passes() + (d.equals("OPEN") ? n : 0), s.referrals() + (d.equals("INSPECT") ? n : 0),
                            s.refusals() + (d.equals("REFUSED") ? n : 0), s.passengerListReceived()));
                }, range);
        return out.values().stream().sorted(java.util.Comparator.comparing(FlightSummary::arrivalDate).reversed()
                .thenComparing(FlightSummary::flight)).toList();
    }

    @Override
    public long insert(GateEvent e, boolean hit) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO travel_gate_event (declaration_id, flight, arrival_date, scanned_at, device, decision, "
                    + "refusal, reasons, hit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, e.declarationId());
            ps.setString(2, e.flight());
            ps.setDate(3, e.arrivalDate() == null ? null : Date.valueOf(e.arrivalDate()));
            ps.setTimestamp(4, ts(e.scannedAt()));
            ps.setString(5, e.device());
            ps.setString(6, e.decision());
            ps.setString(7, e.refusal());
            ps.setString(8, String.join(SEP, e.reasons()));
            ps.setBoolean(9, hit);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    private static final String GATE = "SELECT id, declaration_id, flight, arrival_date, scanned_at, device, decision, refusal, reasons, "
            + "result, result_note, result_by, result_at, seizure_id FROM travel_gate_event ";
    private static final RowMapper<GateEvent> GATE_ROW = (rs, i) -> new GateEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), instant(rs, 5), rs.getString(6), rs.getString(7),
            rs.getString(8), lines(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12), instant(rs, 13),
            rs.getString(14));

    @Override
    public List<GateEvent> gateEvents(String flight, LocalDate arrival) {
        return jdbc.query(GATE + "WHERE flight = ? AND arrival_date = ? ORDER BY scanned_at, id", GATE_ROW, flight, Date.valueOf(arrival));
    }

    @Override
    public Optional<GateEvent> gateEvent(long id) {
        return jdbc.query(GATE + "WHERE id = ?", GATE_ROW, id).stream().findFirst();
    }

    @Override
    public boolean recordResult(long id, String result, String note, String by, Instant at) {
        return jdbc.update("UPDATE travel_gate_event SET result = ?, result_note = ?, result_by = ?, result_at = ?, "
                + "hit = (hit OR ?) WHERE id = ? AND decision = 'INSPECT'", result, note, by, ts(at), !result.equals("NOTHING_FOUND"), id) == 1;
    }

    @Override
    public void linkSeizure(long gateEventId, String seizureId) {
        jdbc.update("UPDATE travel_gate_event SET seizure_id = ?, hit = TRUE WHERE id = ?", seizureId, gateEventId);
    }

    @Override
    public void insertRuleHits(long gateEventId, List<String> ruleIds) {
        for (String r : ruleIds) jdbc.update("INSERT INTO travel_rule_hit (gate_event_id, rule_id) VALUES (?, ?)", gateEventId, r);
    }

    @Override
    public void insertReferralFacts(long gateEventId, org.smartcustoms.travel.PassengerFacts f, Instant at) {
        jdbc.update("INSERT INTO travel_referral_facts (gate_event_id, flight, departure, nationality, document_country, sex, age, group_size, "
                + "on_passenger_list, referred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", gateEventId, f.flight(), f.departure(),
                f.nationality(), f.documentCountry(), f.sex(), f.age(), f.groupSize(), f.onPassengerList(), ts(at));
    }

    private static final String FACTS = "flight, departure, nationality, document_country, sex, age, group_size, on_passenger_list";

    private static org.smartcustoms.travel.PassengerFacts facts(ResultSet rs) throws SQLException {
        return new org.smartcustoms.travel.PassengerFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8));
    }

    @Override
    public Optional<org.smartcustoms.travel.PassengerFacts> referralFacts(long gateEventId) {
        return jdbc.query("SELECT " + FACTS + " FROM travel_referral_facts WHERE gate_event_id = ?", (rs, i) -> facts(rs), gateEventId)
                .stream().findFirst();
    }

    @Override
    public void labelReferral(long gateEventId, boolean finding, Instant at) {
        jdbc.update("UPDATE travel_referral_facts SET finding = ?, result_at = ? WHERE gate_event_id = ? AND result_at IS NULL",
                finding, ts(at), gateEventId);
    }

    @Override
    public List<org.smartcustoms.travel.TravellerProfile.Result> labelledReferrals() {
        return jdbc.query("SELECT " + FACTS + ", finding, result_at FROM travel_referral_facts WHERE result_at IS NOT NULL ORDER BY result_at, gate_event_id",
                (rs, i) -> new org.smartcustoms.travel.TravellerProfile.Result(facts(rs), rs.getBoolean(9), instant(rs, 10)));
    }

    @Override
    public void insert(PassengerRuleRow r) {
        jdbc.update("INSERT INTO travel_passenger_rule (id, name, expression, reason, enabled, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                r.rule().id(), r.rule().name(), r.rule().expression(), r.rule().reason(), r.rule().enabled(), r.createdBy(), ts(r.createdAt()));
    }

    @Override
    public boolean setRuleEnabled(String id, boolean enabled) {
        return jdbc.update("UPDATE travel_passenger_rule SET enabled = ? WHERE id = ?", enabled, id) == 1;
    }

    @Override
    public List<PassengerRuleRow> passengerRules() {
        return jdbc.query("SELECT id, name, expression, reason, enabled, created_by, created_at FROM travel_passenger_rule ORDER BY created_at, id",
                (rs, i) -> new PassengerRuleRow(new org.smartcustoms.travel.PassengerRule(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)), rs.getString(6), instant(rs, 7)));
    }

    @Override
    public Map<String, RuleOutcomes> ruleOutcomes() {
        Map<String, RuleOutcomes> out = new LinkedHashMap<>();
        jdbc.query("SELECT h.rule_id, COUNT(*), SUM(CASE WHEN e.result IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN e.result IS NOT NULL AND e.result <> 'NOTHING_FOUND' THEN 1 ELSE 0 END) "
                + "FROM travel_rule_hit h JOIN travel_gate_event e ON e.id = h.gate_event_id GROUP BY h.rule_id", (ResultSet rs) -> {
                    out.put(rs.getString(1), new RuleOutcomes(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                });
        return out;
    }

    @Override
    public Map<String, Integer> purge(Instant before, LocalDate arrivalBefore) {
        Map<String, Integer> n = new LinkedHashMap<>();
        Timestamp t = ts(before);
        n.put("gateEvents", jdbc.update("DELETE FROM travel_gate_event WHERE scanned_at < ? AND hit = FALSE AND (declaration_id IS NULL "
                + "OR declaration_id NOT IN (SELECT id FROM travel_declaration WHERE hit = TRUE))", t));
        // payments, refunds and webhook events stay: they are the ledger (amounts and a declaration id, nothing personal)
        n.put("declarations", jdbc.update("DELETE FROM travel_declaration WHERE created_at < ? AND hit = FALSE", t));
        n.put("passengers", jdbc.update("DELETE FROM travel_passenger WHERE arrival_date < ? AND hit = FALSE", Date.valueOf(arrivalBefore)));
        // the facts of referrals without a result whose gate event is gone; labelled ones stay (no name, no document number)
        n.put("referralFacts", jdbc.update("DELETE FROM travel_referral_facts WHERE result_at IS NULL AND gate_event_id NOT IN "
                + "(SELECT id FROM travel_gate_event)"));
        return n;
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(SEP));
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
