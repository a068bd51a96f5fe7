package org.smartcustoms.server.tariff;

import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.server.declaration.AcceptanceStep;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.tariff.Assessor;
import org.smartcustoms.tariff.DeclarationAssessment;
import org.smartcustoms.tariff.ItemAssessment;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Assesses duty and taxes for every accepted declaration, item by item, and sends the declarant a tax
 * notification (DMSTAX). An item the tariff cannot assess (code not in the nomenclature, no exchange rate
 * for the date) does not reject the declaration: the assessment is stored as incomplete with the reason, so
 * an officer can complete it; nothing is silently set to zero.
 */
@Component
class TariffAssessmentStep implements AcceptanceStep {
    private final TariffService tariff;
    private final ObjectMapper json;

    TariffAssessmentStep(TariffService tariff, ObjectMapper json) {
        this.tariff = tariff;
        this.json = json;
    }

    @Override
    public int order() { return 10; }

    /** What is stored and returned as the declaration's {@code assessment}. */
    record StoredAssessment(boolean complete, String currency, List<ItemAssessment> items, Money customsValue,
                            Money duty, Money excise, Money vat, Money total, List<ItemError> errors) { }

    /** Why an item could not be assessed. */
    record ItemError(int sequence, String code, String message) { }

    @Override
    public void onAccepted(StoredDeclaration s, DeclarationIntake intake) {
        StoredAssessment a = assess(tariff.assessor(), s.declaration());
        try {
            intake.store().saveAssessment(s.id(), json.writeValueAsString(a));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String msg = a.complete()
                ? "Duties and taxes assessed: " + a.total().amount().toPlainString() + " " + a.currency()
                        + " (duty " + a.duty().amount().toPlainString() + ", excise " + a.excise().amount().toPlainString()
                        + ", VAT " + a.vat().amount().toPlainString() + ")"
                : "Assessment incomplete for " + a.errors().size() + " item(s): " + a.errors().get(0).message();
        intake.store().notify(s.declarantId(), s.id(), s.declaration().lrn(), "DMSTAX", msg, intake.clock().instant());
    }

    static StoredAssessment assess(Assessor assessor, Declaration d) {
        List<ItemAssessment> items = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        for (GoodsItem item : d.items()) {
            try {
                items.add(assessor.assessItem(d, item));
            } catch (RuntimeException e) {
                errors.add(new ItemError(item.sequence(), e.getClass().getSimpleName().replace("Exception", ""), e.getMessage()));
            }
        }
        DeclarationAssessment t = assessor.totals(d, items);
        return new StoredAssessment(errors.isEmpty(), t.currency(), t.items(), t.customsValue(), t.duty(), t.excise(),
                t.vat(), t.total(), errors);
    }
}
