package org.smartcustoms.risk.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.PartyRole;

/**
 * Turns a declaration into one {@link ItemFeatures} per goods item, asking the {@link RiskContext} once
 * per declaration for party history and once per item for the price norm. Values ({@link Declaration#valueOf}) are
 * converted by {@link RiskContext#toNational} so that thresholds compare like with like; the norm deviation is the
 * one {@link org.smartcustoms.tariff.PriceNorms} comparison (national currency at the declaration-date rate,
 * as of the declaration date).
 */
public final class ItemFeaturesExtractor {
    private final RiskContext context;

    public ItemFeaturesExtractor(RiskContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public List<ItemFeatures> extract(Declaration d) {
        return extract(d, ClassificationCheck.NONE);
    }

    /** The features, with {@code check}'s opinion of each item's description (none when it fails). */
    public List<ItemFeatures> extract(Declaration d, ClassificationCheck check) {
        LocalDate date = d.declarationDate();
        String importer = DeclarationParties.firstId(d, PartyRole.IMPORTER);
        String declarant = DeclarationParties.declarantId(d);
        String seller = DeclarationParties.firstId(d, PartyRole.SELLER);
        PartyProfile imp = context.party(importer != null ? importer : declarant, date);
        String mode = d.transport().borderModeCode();
        String type = d.type() == null ? null : d.type().combined();
        int n = d.items().size();
        List<ItemFeatures> out = new ArrayList<>(n);
        for (GoodsItem i : d.items()) {
            Money v = d.valueOf(i);
            double value = v == null ? 0 : context.toNational(v.amount().doubleValue(), v.currency(), date);
            double qty = i.quantity() == null ? 0 : i.quantity().value().doubleValue();
            double mass = i.netMassKg() == null ? 0 : i.netMassKg().doubleValue();
            double unitPrice = qty > 0 ? value / qty : 0;
            double perKg = mass > 0 ? value / mass : 0;
            var comparison = context.price(d, i);
            double deviation = comparison.map(c -> c.deviation()).orElse(0.0);
            boolean hasNorm = comparison.isPresent();
            ClassificationCheck.Opinion opinion = opinion(check, i);
            out.add(new ItemFeatures(i.sequence(), i.commodityCode(), i.originCountry(), d.officeId(), importer,
                    declarant, seller, value, v == null ? null : v.currency(), mass, qty,
                    i.quantity() == null ? null : i.quantity().unit(), unitPrice, perKg, deviation, hasNorm,
                    imp.declarationCount(), imp.fraudRate(), imp.ageDays(date), mode, i.procedureCode(), type, n,
                    i.description(), i.preferentialOriginCountry(),
                    opinion == null ? null : opinion.suggestedHs6(), opinion == null ? 0 : opinion.confidence(),
                    opinion == null ? 0 : ClassificationCheck.Distance.between(i.commodityCode(), opinion.suggestedHs6()).level()));
        }
        return out;
    }

    private static ClassificationCheck.Opinion opinion(ClassificationCheck check, GoodsItem i) {
        if (check == ClassificationCheck.NONE || i.description() == null || i.description().isBlank()) return null;
        try {
            return check.opinion(i.description(), i.commodityCode()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
