package org.smartcustoms.server.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationStatus;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.tariff.PriceNormService;
import org.smartcustoms.tariff.PriceNorms;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rule features and re-scoring read history as of each declaration's own date: the one price norm (declarations dated
 * later and rejected or cancelled declarations never move it) and the importer's irregularities (counted from when
 * they were found). Declarations of 2022, importers unique to the run.
 */
@OnH2
@ApiTest
class PriceNormRiskApiTest extends ApiTestSupport {
    @Autowired
    DbRiskContext context;
    @Autowired
    PriceNormService norms;
    @Autowired
    java.time.Clock clock;

    private static String importer() {
        return "GB" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    @Test
    void ruleFeaturesAndRuleTestsUseTheAsOfNormWithoutRejectedOrCancelledDeclarations() {
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String nat = norms.rates().nationalCurrency();
        String hs = "420222";
        LocalDate may10 = LocalDate.of(2022, 5, 10);
        String normImporter = importer();
        String laterImporter = importer();
        String refusedImporter = importer();
        String scoredImporter = importer();
        // the norm: five at 100/kg on 10 May
        for (int i = 0; i < 5; i++) fx.released(fx.declare(normImporter, "TPCA", may10, hs, "VN", "1000", nat, "10"), 10, "GREEN");
        // six at 0.1/kg on 10 May, rejected or cancelled: counted, they would make the median 0.1
        for (int i = 0; i < 6; i++) {
            fx.force(fx.declare(refusedImporter, "TPCA", may10, hs, "VN", "1", nat, "10"),
                    i % 2 == 0 ? DeclarationStatus.REJECTED : DeclarationStatus.CANCELLED);
        }
        // the declaration scored: 30/kg on 20 May, 70 % below the norm of that day
        String scored = fx.declare(scoredImporter, "TPCA", LocalDate.of(2022, 5, 20), hs, "VN", "300", nat, "10");
        // six at 1/kg dated 1 June: lodged after, they would pull the median to 15.5 if the norm were not as of 20 May
        for (int i = 0; i < 6; i++) fx.released(fx.declare(laterImporter, "TPCA", LocalDate.of(2022, 6, 1), hs, "VN", "10", nat, "10"), 10, "GREEN");
        norms.invalidate();

        Declaration d = intake.store().find(scored).orElseThrow().declaration();
        PriceNorms.Comparison c = context.price(d, d.items().get(0)).orElseThrow();
        assertThat(c.norm().median()).isEqualTo(100.0);
        assertThat(c.norm().observations()).isEqualTo(5);
        assertThat(c.norm().basis()).isEqualTo(PriceNorms.Basis.PER_KG);
        assertThat(c.deviation()).isCloseTo(-0.7, org.assertj.core.data.Offset.offset(1e-9));

        // re-scoring recent declarations (the analyst's rule test) sees the same as-of norm: the scored one hits
        String analyst = token(Role.ANALYST, null);
        JsonNode t = api.post("/api/v1/rules/test", analyst, JSON, """
                {"expression": "importer == '%s' && has_norm && norm_deviation < -0.5", "threat": "UNDERVALUATION"}"""
                .formatted(scoredImporter)).json();
        assertThat(t.get("hits").asInt()).as(t.toString()).isEqualTo(1);
        assertThat(t.get("sampleHits").get(0).asText()).isEqualTo(scored);

        // the later cheap ones are judged against the norm of their own date (100, with the scored 30: median 100)
        JsonNode later = api.post("/api/v1/rules/test", analyst, JSON, """
                {"expression": "importer == '%s' && has_norm && norm_deviation < -0.9", "threat": "UNDERVALUATION"}"""
                .formatted(laterImporter)).json();
        assertThat(later.get("hits").asInt()).as(later.toString()).isEqualTo(6);
        // and a rejected declaration's own price never reaches a norm: on 11 May the norm is the five at 100
        assertThat(norms.norms().norm(hs, "VN", PriceNorms.Basis.PER_KG, may10.plusDays(1)).orElseThrow().median()).isEqualTo(100.0);
        assertThat(List.of(norms.norms().norm(hs, "VN", PriceNorms.Basis.PER_KG, may10))).containsExactly(java.util.Optional.empty());
    }

    @Test
    void anImportersIrregularitiesCountAsOfWhenTheyWereFound() {
        WorkspaceFixtures fx = new WorkspaceFixtures(intake, jdbc);
        String officer = token(Role.OFFICER, null);
        String importer = importer();
        LocalDate march = LocalDate.of(2022, 3, 1);
        String found = fx.declare(importer, "TPCA", march, "610910", "BD", "400", "100");
        fx.underControl(found, 70, "RED", List.of());
        var r = api.post("/api/v1/declarations/" + found + "/inspection", officer, JSON,
                "{\"outcome\": \"UNDERVALUATION\", \"decision\": \"RELEASE\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        context.invalidate();
        // a declaration of ten days later, re-scored today: one earlier declaration, its irregularity found only now
        assertThat(context.party(importer, march.plusDays(10)).declarationCount()).isEqualTo(1);
        assertThat(context.party(importer, march.plusDays(10)).fraudCount()).isZero();
        // from tomorrow on the finding is known
        LocalDate tomorrow = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).plusDays(1);
        assertThat(context.party(importer, tomorrow).fraudCount()).isEqualTo(1);
    }
}
