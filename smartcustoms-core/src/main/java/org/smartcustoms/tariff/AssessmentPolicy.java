package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * National valuation and origin settings that are policy, not tariff data.
 *
 * @param freightInsurancePercent added to the value, as a percentage of it, when the delivery term is FOB-like
 *                                and neither freight nor insurance is declared (e.g. 5 = 5%)
 * @param fobLikeTerms            Incoterms whose price stops at the export border, so transport and insurance
 *                                to the import border must be added (defaults EXW, FCA, FAS, FOB)
 * @param proofOfOriginDocuments  document type codes that count as a declared proof of origin on an item or
 *                                the declaration (adjust to the national code list)
 * @param salesTaxName            what the administration calls the tax on imports charged at the VAT rates of the
 *                                schedule ("VAT", "GST", "consumption tax"), as explanations name it
 */
public record AssessmentPolicy(BigDecimal freightInsurancePercent, Set<String> fobLikeTerms,
                               Set<String> proofOfOriginDocuments, String salesTaxName) {

    /** Document code a trader can always use to say "proof of origin held" (besides national codes). */
    public static final String GENERIC_PROOF_OF_ORIGIN = "POO";

    public AssessmentPolicy {
        Objects.requireNonNull(freightInsurancePercent, "freightInsurancePercent");
        if (freightInsurancePercent.signum() < 0) throw new IllegalArgumentException("freightInsurancePercent must not be negative");
        fobLikeTerms = upper(fobLikeTerms);
        proofOfOriginDocuments = upper(proofOfOriginDocuments);
        if (salesTaxName == null || salesTaxName.isBlank()) throw new IllegalArgumentException("salesTaxName must not be blank");
        salesTaxName = salesTaxName.strip();
    }

    /** 5% freight/insurance for EXW/FCA/FAS/FOB; EU-style origin document codes plus {@value #GENERIC_PROOF_OF_ORIGIN}. */
    public static AssessmentPolicy defaults() {
        return new AssessmentPolicy(new BigDecimal("5"), Set.of("EXW", "FCA", "FAS", "FOB"),
                Set.of(GENERIC_PROOF_OF_ORIGIN, "N954", "N864", "N865", "U162", "U164", "U165", "U166", "U167"), "VAT");
    }

    /** The same policy naming the import sales tax {@code name} in explanations. */
    public AssessmentPolicy withSalesTaxName(String name) {
        return new AssessmentPolicy(freightInsurancePercent, fobLikeTerms, proofOfOriginDocuments, name);
    }


    boolean fobLike(String incoterm) {
        return incoterm != null && fobLikeTerms.contains(incoterm);
    }

    private static Set<String> upper(Set<String> s) {
        return s == null ? Set.of() : s.stream().map(x -> x.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
