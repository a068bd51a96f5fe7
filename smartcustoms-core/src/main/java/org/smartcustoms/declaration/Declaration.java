package org.smartcustoms.declaration;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customs declaration as submitted, shaped after the WCO Data Model 3.x DEC-DMS message.
 *
 * <p>{@code functionCode} is the WCO message function ({@link FunctionCode}; null reads as original). {@code lrn} is the declarant's functional reference (LRN); together with the
 * declarant's id it identifies a submission, which is what makes re-submission idempotent.
 * {@code referencedId} is, for amendments and cancellations, the declaration they apply to (our id or the
 * MRN). {@code declarationDate} is the date the declarant states (issue date); it drives exchange rates and
 * tariff validity. This record holds what was declared; status and history live with the stored
 * declaration.
 */
public record Declaration(FunctionCode functionCode, String lrn, DeclarationType type, String officeId,
                          LocalDate declarationDate, List<Party> parties, Transport transport,
                          String goodsLocation, Money invoiceAmount, String deliveryTerms,
                          String referencedId, List<DocumentRef> additionalDocuments, List<GoodsItem> items) {
    public Declaration {
        functionCode = functionCode == null ? FunctionCode.ORIGINAL : functionCode;
        lrn = Party.blankToNull(lrn);
        officeId = Party.blankToNull(officeId);
        goodsLocation = Party.blankToNull(goodsLocation);
        deliveryTerms = Party.blankToNull(deliveryTerms);
        referencedId = Party.blankToNull(referencedId);
        parties = parties == null ? List.of() : List.copyOf(parties);
        transport = transport == null ? Transport.NONE : transport;
        additionalDocuments = additionalDocuments == null ? List.of() : List.copyOf(additionalDocuments);
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The first party in the given role. */
    public Optional<Party> party(PartyRole role) {
        for (Party p : parties) if (p.role() == role) return Optional.of(p); // hot in scoring: no stream
        return Optional.empty();
    }

    /** All parties in the given role (authorisation holders can be many). */
    public List<Party> parties(PartyRole role) {
        return parties.stream().filter(p -> p.role() == role).toList();
    }

    /** The id of the declarant, falling back to the importer (imports) or exporter (exports) who declares for itself. */
    public String declarantId() {
        return party(PartyRole.DECLARANT).map(Party::id)
                .or(() -> party(type != null && type.isExport() ? PartyRole.EXPORTER : PartyRole.IMPORTER).map(Party::id))
                .orElse(null);
    }

    public boolean isAmendment() { return functionCode == FunctionCode.AMENDMENT; }
    public boolean isCancellation() { return functionCode == FunctionCode.CANCELLATION; }

    public Declaration withItems(List<GoodsItem> newItems) {
        return new Declaration(functionCode, lrn, type, officeId, declarationDate, parties, transport, goodsLocation,
                invoiceAmount, deliveryTerms, referencedId, additionalDocuments, newItems);
    }

    public Declaration withDeclarationDate(LocalDate date) {
        return new Declaration(functionCode, lrn, type, officeId, date, parties, transport, goodsLocation,
                invoiceAmount, deliveryTerms, referencedId, additionalDocuments, items);
    }

    /**
     * The value of one of this declaration's items: its {@link GoodsItem#declaredValue() declared value} (customs,
     * else statistical), else the invoice amount when the declaration has this one item only; null otherwise.
     */
    public Money valueOf(GoodsItem item) {
        Money v = item.declaredValue();
        return v != null ? v : items.size() == 1 ? invoiceAmount : null;
    }

    /** Total declared value ({@link GoodsItem#declaredValue}) of all items in a single currency, or null when mixed/absent. */
    public Money totalItemValue() {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        String currency = null;
        for (GoodsItem i : items) {
            Money v = i.declaredValue();
            if (v == null) continue;
            if (currency != null && !Objects.equals(currency, v.currency())) return null;
            currency = v.currency();
            sum = sum.add(v.amount());
        }
        return currency == null ? null : new Money(sum, currency);
    }
}
