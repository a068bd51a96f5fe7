package org.smartcustoms.declaration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an amendment (WCO function code 13) to the declaration it refers to.
 *
 * <p>WCO amendments carry only what changes: header elements that are present replace the original ones,
 * goods items are matched by sequence number and merged field by field, items with a new sequence number
 * are added. A full declaration sent as an amendment therefore simply replaces the original. The result
 * keeps the original's LRN and declarant, so an amendment cannot move a declaration to another trader.
 */
public final class Amendments {
    private Amendments() { }

    public static Declaration apply(Declaration original, Declaration amendment) {
        List<Party> parties = new ArrayList<>(original.parties());
        for (PartyRole role : PartyRole.values()) {
            List<Party> changed = amendment.parties(role);
            if (!changed.isEmpty() && role != PartyRole.DECLARANT) {
                parties.removeIf(p -> p.role() == role);
                parties.addAll(changed);
            }
        }
        Map<Integer, GoodsItem> items = new LinkedHashMap<>();
        for (GoodsItem i : original.items()) items.put(i.sequence(), i);
        for (GoodsItem a : amendment.items()) {
            GoodsItem o = items.get(a.sequence());
            items.put(a.sequence(), o == null ? a : merge(o, a));
        }
        Transport t = amendment.transport() == null || amendment.transport().equals(Transport.NONE)
                ? original.transport() : mergeTransport(original.transport(), amendment.transport());
        return new Declaration(FunctionCode.ORIGINAL, original.lrn(),
                original.type(),
                or(amendment.officeId(), original.officeId()),
                or(amendment.declarationDate(), original.declarationDate()),
                parties, t,
                or(amendment.goodsLocation(), original.goodsLocation()),
                or(amendment.invoiceAmount(), original.invoiceAmount()),
                or(amendment.deliveryTerms(), original.deliveryTerms()),
                null,
                amendment.additionalDocuments().isEmpty() ? original.additionalDocuments() : amendment.additionalDocuments(),
                new ArrayList<>(items.values()));
    }

    private static GoodsItem merge(GoodsItem o, GoodsItem a) {
        return new GoodsItem(o.sequence(),
                or(a.description(), o.description()),
                or(a.commodityCode(), o.commodityCode()),
                or(a.originCountry(), o.originCountry()),
                or(a.preferentialOriginCountry(), o.preferentialOriginCountry()),
                or(a.quantity(), o.quantity()),
                or(a.netMassKg(), o.netMassKg()),
                or(a.grossMassKg(), o.grossMassKg()),
                or(a.statisticalValue(), o.statisticalValue()),
                or(a.customsValue(), o.customsValue()),
                or(a.valuationMethod(), o.valuationMethod()),
                or(a.procedureCode(), o.procedureCode()),
                a.additionalProcedures().isEmpty() ? o.additionalProcedures() : a.additionalProcedures(),
                or(a.preferenceCode(), o.preferenceCode()),
                a.previousDocuments().isEmpty() ? o.previousDocuments() : a.previousDocuments(),
                a.additionalDocuments().isEmpty() ? o.additionalDocuments() : a.additionalDocuments(),
                a.packaging().isEmpty() ? o.packaging() : a.packaging(),
                a.additionalInformation().isEmpty() ? o.additionalInformation() : a.additionalInformation());
    }

    private static Transport mergeTransport(Transport o, Transport a) {
        return new Transport(or(a.borderModeCode(), o.borderModeCode()), or(a.inlandModeCode(), o.inlandModeCode()),
                or(a.nationality(), o.nationality()), or(a.meansId(), o.meansId()),
                or(a.meansTypeCode(), o.meansTypeCode()), or(a.loadingLocation(), o.loadingLocation()),
                or(a.unloadingLocation(), o.unloadingLocation()), or(a.departureCountry(), o.departureCountry()),
                or(a.containerFlag(), o.containerFlag()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
