package org.smartcustoms.server.enforcement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the enforcement API. Codes arrive as strings so that a wrong one gets a sentence naming the allowed values. */
final class EnforcementRequests {
    private EnforcementRequests() { }

    /** A seizure; {@code idempotencyKey} (or the Idempotency-Key header) makes a retried submission store it once. */
    record SeizureRequest(LocalDate date, String office, String detectionMethod, String category, String goods, BigDecimal quantity,
                          String unit, BigDecimal value, String currency, String concealment, String conveyance, Route route,
                          List<Involved> involved, List<String> declarationIds, String outcome, String idempotencyKey) { }

    record Route(String departure, List<String> transit, String destination) { }

    /** {@code entity}: TYPE:ID of a stored person or company. */
    record Involved(String entity, String role) { }

    record PersonRequest(String name, LocalDate birthDate, String nationality, String documentNumber, String address, String phone,
                         LocalDate reviewDate) { }

    record CompanyRequest(String name, String partyId, String country, String address, String phone, LocalDate reviewDate) { }

    /** {@code subjects}: TYPE:ID of the entities the report is about. */
    record SuspicionRequest(String source, String reliability, Integer informationGrade, String summary, List<String> subjects,
                            String followUp, String status, LocalDate reviewDate) { }

    record WeightRequest(Double weight) { }
}
