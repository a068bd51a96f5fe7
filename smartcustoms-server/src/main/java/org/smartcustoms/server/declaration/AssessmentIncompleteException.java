package org.smartcustoms.server.declaration;

import java.util.List;
import java.util.stream.Collectors;

import org.smartcustoms.tariff.TariffAssessment;

/**
 * A release was asked for a declaration whose duty and taxes could not all be assessed (409). The officer must first
 * reclassify the item or complete its data ({@code POST /declarations/{id}/reclassification}) so the tariff can
 * assess it; goods are never released on an incomplete assessment.
 */
public class AssessmentIncompleteException extends DeclarationStateException {
    private final transient List<TariffAssessment.ItemError> errors;

    public AssessmentIncompleteException(String id, List<TariffAssessment.ItemError> errors) {
        super("Declaration " + id + " cannot be released: duty and taxes could not be assessed for "
                + errors.stream().map(e -> "item " + e.sequence() + " (" + e.message().replaceFirst("^item " + e.sequence() + ": ", "") + ")").collect(Collectors.joining(", "))
                + ". Reclassify the item or complete its data so that it can be assessed, then release.");
        this.errors = List.copyOf(errors);
    }

    public List<TariffAssessment.ItemError> errors() { return errors; }
}
