package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.smartcustoms.declaration.Money;

/** The single code path from {@link ItemFacts} to an {@link ItemAssessment}. */
final class DutyCalculator {
    private final Nomenclature nomenclature;
    private final TariffSchedule schedule;
    private final ExchangeRates fx;
    private final AssessmentPolicy policy;

    DutyCalculator(Nomenclature nomenclature, TariffSchedule schedule, ExchangeRates fx, AssessmentPolicy policy) {
        this.nomenclature = nomenclature;
        this.schedule = schedule;
        this.fx = fx;
        this.policy = policy;
    }

    String nationalCurrency() { return fx.nationalCurrency(); }

    static BigDecimal round(BigDecimal x) { return x.setScale(2, RoundingMode.HALF_UP); }

    private Money money(BigDecimal x) { return new Money(round(x), fx.nationalCurrency()); }

    ItemAssessment calculate(ItemFacts f) {
        Classification classification = nomenclature.require(f.code(), f.date());
        CommodityCode.Level level = classification.commodity().level();
        if (level == CommodityCode.Level.SECTION || level == CommodityCode.Level.CHAPTER) {
            throw new IllegalArgumentException("item " + f.sequence() + ": " + classification.code() + " is a "
                    + level.name().toLowerCase(Locale.ROOT) + ", declare a heading or subheading, e.g. "
                    + nomenclature.children(classification.code(), f.date()).stream().limit(3)
                    .map(CommodityCode::code).collect(Collectors.joining(", ")));
        }
        String code = classification.requestedCode();
        String nat = fx.nationalCurrency();

        // 1. customs value in national currency
        BigDecimal rate = fx.rate(f.value().currency(), f.date());
        BigDecimal converted = round(f.value().amount().multiply(rate));
        BigDecimal additions = BigDecimal.ZERO;
        String additionNote = "";
        if (policy.fobLike(f.incoterm())) {
            if (f.freight() != null || f.insurance() != null) {
                for (Money m : new Money[] {f.freight(), f.insurance()}) {
                    if (m != null) additions = additions.add(round(m.amount().multiply(fx.rate(m.currency(), f.date()))));
                }
                additionNote = " + " + fmt(additions) + " " + nat + " declared freight/insurance (" + f.incoterm() + ")";
            } else {
                additions = round(converted.multiply(policy.freightInsurancePercent()).movePointLeft(2));
                additionNote = " + " + fmt(additions) + " " + nat + " freight/insurance at "
                        + policy.freightInsurancePercent().stripTrailingZeros().toPlainString() + "% (" + f.incoterm() + ")";
            }
        }
        BigDecimal customsValue = converted.add(additions);
        String valueNote = f.value().currency().equals(nat)
                ? "Customs value " + fmt(customsValue) + " " + nat + " (" + fmt(converted) + " " + nat + additionNote + ")."
                : "Customs value " + fmt(customsValue) + " " + nat + " (" + f.value().amount().toPlainString() + " "
                + f.value().currency() + " at " + rate.toPlainString() + " on " + f.date() + " = " + fmt(converted) + " " + nat
                + additionNote + ").";
        Basis dutyBasis = new Basis(customsValue, f);

        // 2. duty: MFN, unless an eligible preference is lower
        TariffRate mfn = schedule.mostSpecific(TariffRate.Kind.MFN, code, f.date()).orElseThrow(() ->
                new IllegalStateException("no MFN duty rate for " + code + " on " + f.date() + " in the tariff schedule"));
        BigDecimal mfnAmount = round(mfn.rate().amount(dutyBasis));
        Charge duty = dutyCharge(f, code, mfn, mfnAmount, dutyBasis, customsValue);

        // 3. excise, on the customs value (ad valorem) or quantity (specific)
        Charge excise = schedule.mostSpecific(TariffRate.Kind.EXCISE, code, f.date())
                .map(r -> new Charge(r.regime(), null, r.rate().text(), money(customsValue),
                        money(r.rate().amount(dutyBasis)), r.line(), "Excise " + r.rate().text() + "."))
                .orElse(new Charge("EXCISE", null, "none", money(customsValue), money(BigDecimal.ZERO), 0, "No excise."));

        // 4. VAT on customs value + duty + excise
        BigDecimal vatBase = customsValue.add(duty.amount().amount()).add(excise.amount().amount());
        Basis vatBasis = new Basis(vatBase, f);
        Charge vat = schedule.mostSpecific(TariffRate.Kind.VAT, code, f.date())
                .map(r -> new Charge(r.regime(), null, r.rate().text(), money(vatBase), money(r.rate().amount(vatBasis)),
                        r.line(), capitalised(policy.salesTaxName()) + " " + r.rate().text() + " on " + fmt(vatBase) + " " + nat
                        + " (customs value + duty + excise)."))
                .orElse(new Charge("VAT", null, "none", money(vatBase), money(BigDecimal.ZERO), 0, "No " + policy.salesTaxName() + " rate."));

        BigDecimal total = duty.amount().amount().add(excise.amount().amount()).add(vat.amount().amount());
        String explanation = valueNote + " " + duty.reason() + " " + excise.reason() + " " + vat.reason()
                + " Total " + fmt(total) + " " + nat + ".";
        return new ItemAssessment(f.sequence(), code, f.origin(), f.date(), f.value(), rate, money(additions),
                money(customsValue), duty, excise, vat, money(total), explanation);
    }

    private Charge dutyCharge(ItemFacts f, String code, TariffRate mfn, BigDecimal mfnAmount, Basis basis,
                              BigDecimal customsValue) {
        String origin = f.origin() == null ? "unknown" : f.origin();
        String mfnText = "MFN " + mfn.rate().text();
        List<TariffRate> prefs = f.preferenceClaimed()
                ? schedule.preferences(code, f.origin(), f.agreement(), f.date()) : List.of();
        if (!f.preferenceClaimed()) {
            return new Charge("MFN", null, mfn.rate().text(), money(customsValue), money(mfnAmount), mfn.line(),
                    mfnText + " applied: no preference claimed (origin " + origin + ").");
        }
        TariffRate best = null;
        BigDecimal bestAmount = null;
        for (TariffRate p : prefs) {
            if (p.proofRequired() && !f.proofOfOrigin()) continue;
            BigDecimal a = round(p.rate().amount(basis));
            if (bestAmount == null || a.compareTo(bestAmount) < 0) { best = p; bestAmount = a; }
        }
        if (best != null && bestAmount.compareTo(mfnAmount) < 0) {
            String why = best.proofRequired() ? "proof of origin declared" : "no proof of origin required";
            return new Charge(best.regime(), best.agreement(), best.rate().text(), money(customsValue), money(bestAmount),
                    best.line(), label(best) + " " + best.rate().text() + " applied instead of " + mfnText
                    + " (origin " + origin + ", " + why + ").");
        }
        String reason;
        if (best != null) {
            reason = mfnText + " applied: " + label(best) + " " + best.rate().text() + " is not lower (origin " + origin + ").";
        } else if (!prefs.isEmpty()) {
            reason = mfnText + " applied: " + prefs.stream().map(p -> label(p) + " " + p.rate().text())
                    .collect(Collectors.joining(", ")) + " refused, no proof of origin declared (origin " + origin + ")."
                    + proofNeeded(prefs);
        } else if (f.agreement() != null) {
            reason = mfnText + " applied: agreement " + f.agreement() + " gives no preference for " + code
                    + " from origin " + origin + " on " + f.date() + ".";
        } else {
            reason = mfnText + " applied (origin " + origin + ", no preferential arrangement).";
        }
        return new Charge("MFN", null, mfn.rate().text(), money(customsValue), money(mfnAmount), mfn.line(), reason);
    }

    /** " Needed: ..." naming the proofs the refused agreements ask for, from the "proof: ..." part of their notes. */
    private static String proofNeeded(List<TariffRate> refused) {
        String needed = refused.stream().map(p -> {
            int i = p.note().indexOf("proof: ");
            return i < 0 ? null : p.agreement() + " " + p.note().substring(i + 7).strip();
        }).filter(java.util.Objects::nonNull).distinct().collect(Collectors.joining("; "));
        return needed.isEmpty() ? "" : " Proof of origin needed: " + needed + ".";
    }

    private static String label(TariffRate p) {
        return p.regime() + " preferential" + (p.agreement().equals(p.regime()) ? "" : " (" + p.agreement() + ")");
    }

    static String fmt(BigDecimal x) { return round(x).toPlainString(); }

    /** Evaluation context of a rate: the ad valorem base plus the item's quantities and the exchange rates. */
    private final class Basis implements RateExpression.Basis {
        private final BigDecimal base;
        private final ItemFacts facts;

        Basis(BigDecimal base, ItemFacts facts) {
            this.base = base;
            this.facts = facts;
        }

        @Override public BigDecimal base() { return base; }

        @Override public BigDecimal toNational(BigDecimal amount, String currency) {
            return amount.multiply(fx.rate(currency, facts.date()));
        }

        @Override public BigDecimal quantity(String unit) {
            Map<String, BigDecimal> q = facts.quantities();
            if (q.containsKey(unit)) return q.get(unit);
            for (Map.Entry<String, BigDecimal> conv : CONVERSIONS.getOrDefault(unit, Map.of()).entrySet()) {
                if (q.containsKey(conv.getKey())) return q.get(conv.getKey()).multiply(conv.getValue());
            }
            throw new IllegalArgumentException("item " + facts.sequence() + ": a specific rate needs the quantity in "
                    + unit + " (declared: " + (q.isEmpty() ? "none" : q.keySet().stream().sorted().collect(Collectors.joining(", ")))
                    + ")");
        }
    }

    /** target unit -> (declared unit -> factor): quantity in target = declared quantity × factor. */
    private static final Map<String, Map<String, BigDecimal>> CONVERSIONS = Map.of(
            "KGM", Map.of("TNE", new BigDecimal("1000"), "GRM", new BigDecimal("0.001")),
            "TNE", Map.of("KGM", new BigDecimal("0.001"), "GRM", new BigDecimal("0.000001")),
            "GRM", Map.of("KGM", new BigDecimal("1000"), "TNE", new BigDecimal("1000000")),
            "LTR", Map.of("HLT", new BigDecimal("100")),
            "HLT", Map.of("LTR", new BigDecimal("0.01")),
            "NAR", Map.of("MIL", new BigDecimal("1000")),
            "MIL", Map.of("NAR", new BigDecimal("0.001")));

    static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
