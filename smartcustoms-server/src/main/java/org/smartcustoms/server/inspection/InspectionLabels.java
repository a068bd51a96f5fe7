package org.smartcustoms.server.inspection;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.risk.model.LabelledItem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns officers' inspection results into training labels, the same shape KCS files give
 * ({@link BulkRow.Label}): a declaration is irregular when any of its results found an irregularity; its
 * critical-fraud grade is 2 for prohibited goods or IPR infringement, 1 for another irregularity with a
 * seizure, else 0. Every goods item of a labelled declaration carries the declaration's label, as in KCS.
 */
@Service
public class InspectionLabels {
    private final InspectionStore store;
    private final DeclarationJson json = new DeclarationJson(64L * 1024 * 1024);

    public InspectionLabels(InspectionStore store) {
        this.store = store;
    }

    /** The label of a declaration from all its outcomes; {@code seized} whether any result seized goods. */
    public static BulkRow.Label combine(List<InspectionOutcome> outcomes, boolean seized) {
        boolean irregular = outcomes.stream().anyMatch(InspectionOutcome::irregular);
        int critical = outcomes.stream().anyMatch(InspectionOutcome::critical) ? 2 : irregular && seized ? 1 : 0;
        return new BulkRow.Label(irregular, critical);
    }

    /** Label of every declaration with at least one result, by declaration id. */
    @Transactional(readOnly = true)
    public Map<String, BulkRow.Label> labels() {
        Map<String, List<InspectionOutcome>> outcomes = new HashMap<>();
        Map<String, Boolean> seized = new HashMap<>();
        store.outcomes(row -> {
            String id = row.declarationId();
            outcomes.computeIfAbsent(id, k -> new ArrayList<>()).add(row.outcome());
            if (row.seized()) seized.put(id, true);
        });
        Map<String, BulkRow.Label> out = new HashMap<>();
        outcomes.forEach((id, o) -> out.put(id, combine(o, seized.getOrDefault(id, false))));
        return out;
    }

    /** The label of one declaration, empty when it has no result yet. */
    @Transactional(readOnly = true)
    public Optional<BulkRow.Label> label(String declarationId) {
        List<InspectionOutcome> o = new ArrayList<>();
        boolean[] seized = {false};
        for (InspectionStore.OutcomeRow row : store.outcomes(declarationId)) {
            o.add(row.outcome());
            if (row.seized()) seized[0] = true;
        }
        return o.isEmpty() ? Optional.empty() : Optional.of(combine(o, seized[0]));
    }

    /** Training examples: every item of every declaration with a result (latest declared version). */
    @Transactional(readOnly = true)
    public List<LabelledItem> labelledItems() {
        Map<String, BulkRow.Label> labels = labels();
        List<LabelledItem> items = new ArrayList<>();
        store.inspectedDeclarations(row -> {
            BulkRow.Label label = labels.get(row.id());
            if (label == null) return;
            Declaration d = json.read(row.payload());
            d = dated(d, row.submittedAt());
            for (GoodsItem i : d.items()) items.add(new LabelledItem(d, i, label));
        });
        return items;
    }

    /** Summary counts of what {@link #labelledItems()} would train on. */
    public record Counts(int declarations, int irregular, int critical) { }

    @Transactional(readOnly = true)
    public Counts counts() {
        Map<String, BulkRow.Label> labels = labels();
        int irregular = (int) labels.values().stream().filter(BulkRow.Label::fraud).count();
        int critical = (int) labels.values().stream().filter(l -> l.criticalFraud() > 0).count();
        return new Counts(labels.size(), irregular, critical);
    }

    /** The declaration dated by its declaration date, or when it has none (older payloads) by the day it was submitted (UTC). */
    public static Declaration dated(Declaration d, java.time.Instant submittedAt) {
        if (d.declarationDate() != null || submittedAt == null) return d;
        LocalDate date = submittedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return new Declaration(d.functionCode(), d.lrn(), d.type(), d.officeId(), date, d.parties(), d.transport(),
                d.goodsLocation(), d.invoiceAmount(), d.deliveryTerms(), d.referencedId(), d.additionalDocuments(), d.items());
    }
}
