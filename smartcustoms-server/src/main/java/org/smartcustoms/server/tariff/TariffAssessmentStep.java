package org.smartcustoms.server.tariff;

import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.server.declaration.AcceptanceStep;
import org.smartcustoms.server.declaration.StepOutcome;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.tariff.Assessor;
import org.smartcustoms.tariff.DeclarationAssessment;
import org.smartcustoms.tariff.ItemAssessment;
import org.smartcustoms.tariff.TariffAssessment;
import org.springframework.stereotype.Component;

/**
 * Assesses duty and taxes for every accepted declaration, item by item, and sends the declarant a tax
 * notification (DMSTAX). An item the tariff cannot assess (code not in the nomenclature, no exchange rate
 * for the date) does not reject the declaration: the assessment is stored as incomplete with the reason, so
 * an officer can complete it; nothing is silently set to zero.
 */
@Component
class TariffAssessmentStep implements AcceptanceStep {
    private final TariffService tariff;

    TariffAssessmentStep(TariffService tariff) {
        this.tariff = tariff;
    }

    @Override
    public int order() { return 10; }

    @Override
    public StepOutcome assess(StoredDeclaration s) {
        TariffAssessment a = assess(tariff.assessor(), s.declaration());
        String msg = a.complete()
                ? "Duties and taxes assessed: " + a.total().amount().toPlainString() + " " + a.currency()
                        + " (duty " + a.duty().amount().toPlainString() + ", excise " + a.excise().amount().toPlainString()
                        + ", VAT " + a.vat().amount().toPlainString() + ")"
                : "Assessment incomplete for " + a.errors().size() + " item(s): " + a.errors().get(0).message();
        return new StepOutcome.Assessed(a, msg);
    }

    /** The tariff and exchange rates are only read: no part of an assessment depends on another declaration's. */
    @Override
    public StepOutcome assess(StoredDeclaration s, org.smartcustoms.server.declaration.InOrder inOrder) {
        return assess(s);
    }

    static TariffAssessment assess(Assessor assessor, Declaration d) {
        List<ItemAssessment> items = new ArrayList<>();
        List<TariffAssessment.ItemError> errors = new ArrayList<>();
        for (GoodsItem item : d.items()) {
            try {
                items.add(assessor.assessItem(d, item));
            } catch (RuntimeException e) {
                errors.add(new TariffAssessment.ItemError(item.sequence(), e.getClass().getSimpleName().replace("Exception", ""), e.getMessage()));
            }
        }
        DeclarationAssessment t = assessor.totals(d, items);
        return new TariffAssessment(errors.isEmpty(), t.currency(), t.items(), t.customsValue(), t.duty(), t.excise(),
                t.vat(), t.total(), errors);
    }
}
