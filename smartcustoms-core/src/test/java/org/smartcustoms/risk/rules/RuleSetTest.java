package org.smartcustoms.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartcustoms.risk.rules.RuleTestSupport.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.risk.TestDeclarations;
import org.smartcustoms.risk.features.ItemFeaturesExtractor;
import org.smartcustoms.risk.features.InMemoryRiskContext;
import org.smartcustoms.risk.features.PartyProfile;

class RuleSetTest {
    private final InMemoryRiskContext context = new InMemoryRiskContext();

    private RuleEvaluation run(RuleSet set, Declaration d) {
        return set.evaluate(new ItemFeaturesExtractor(context).extract(d),
                d.parties().stream().map(Party::id).toList(), d.declarationDate());
    }

    @Test
    void onlyRulesScopedToTheItemAreEvaluated() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String hs6 = String.format("%06d", 100_000 + i);
            rules.add(rule("R" + i, new RuleScope(hs6, "CN", null, null), "unit_price < params.min",
                    Map.of("min", (double) (i % 100))));
        }
        rules.add(rule("HS4", new RuleScope("8471", null, null, null), "value > 0.0"));
        rules.add(rule("HS10-OTHER", new RuleScope("8471300001", null, null, null), "true"));
        rules.add(rule("PARTY", new RuleScope(null, null, "IMP1", null), "true"));
        rules.add(rule("OFFICE", new RuleScope(null, "CN", null, "KR0100"), "true"));
        rules.add(rule("GLOBAL", RuleScope.GLOBAL, "false"));
        RuleSet set = RuleSet.build(rules, new RuleCompiler());
        assertThat(set.distinctPrograms()).isEqualTo(4);

        // item 1: hs6 147130 + CN -> R47130 (min 30, unit price 10 -> hit); item 2: 8471300000 from VN
        Declaration d = TestDeclarations.declaration().item("1471309999", "CN", "100", "10", "5")
                .item("8471300000", "VN", "500", "1", "2").build();
        RuleEvaluation ev = run(set, d);
        // item 1: R47130, PARTY, OFFICE, GLOBAL; item 2: HS4, GLOBAL (PARTY already hit)
        assertThat(ev.evaluations()).isEqualTo(6);
        assertThat(set.totalEvaluations()).isEqualTo(6);
        assertThat(ev.hits()).extracting(h -> h.rule().id())
                .containsExactlyInAnyOrder("R47130", "PARTY", "OFFICE", "HS4");
        assertThat(ev.hits()).filteredOn(h -> h.rule().id().equals("HS4")).singleElement()
                .satisfies(h -> assertThat(h.itemSequence()).isEqualTo(2));
        assertThat(set.stats("R47130")).hasValueSatisfying(s -> {
            assertThat(s.evaluations()).isEqualTo(1);
            assertThat(s.hits()).isEqualTo(1);
        });
        assertThat(set.stats("R47131")).hasValueSatisfying(s -> assertThat(s.evaluations()).isZero());
    }

    @Test
    void derivedFeaturesAreBound() {
        // five earlier unit values of 847130 from CN, 80..120 USD per piece: norm 100 per unit
        org.smartcustoms.tariff.PriceNorms norms = new org.smartcustoms.tariff.PriceNorms();
        for (int v : new int[] {80, 90, 100, 110, 120}) {
            norms.add(new org.smartcustoms.tariff.UnitValue("847130", "CN", org.smartcustoms.tariff.PriceNorms.Basis.PER_UNIT,
                    LocalDate.of(2026, 1, 1), v));
        }
        context.usePriceNorms(norms, org.smartcustoms.tariff.ExchangeRateTable.of("USD", List.of()));
        context.putParty(new PartyProfile("IMP1", 40, 10, LocalDate.of(2026, 5, 22)));
        RuleSet set = RuleSet.build(List.of(
                rule("UNDER", RuleScope.GLOBAL, "has_norm && norm_deviation < -0.5"),
                rule("PERKG", RuleScope.GLOBAL, "price_per_kg == 4.0 && unit_price == 20.0"),
                rule("HIST", RuleScope.GLOBAL, "importer_history_count == 40 && importer_fraud_rate == 0.25"),
                rule("YOUNG", RuleScope.GLOBAL, "party_age_days == 10"),
                rule("FIELDS", RuleScope.GLOBAL, "hs6 == '847130' && origin == 'CN' && office == 'KR0100' "
                        + "&& importer == 'IMP1' && transport_mode == '1' && procedure == '4000' && item_count == 1")),
                new RuleCompiler());
        Declaration d = TestDeclarations.declaration().item("8471300000", "CN", "200", "10", "50").build();
        assertThat(run(set, d).hits()).extracting(h -> h.rule().id())
                .containsExactlyInAnyOrder("UNDER", "PERKG", "HIST", "YOUNG", "FIELDS");
    }

    @Test
    void ruleThatThrowsIsIsolatedCountedAndReported() {
        RuleSet set = RuleSet.build(List.of(
                rule("MISSING_KEY", RuleScope.GLOBAL, "unit_price < params.nope"),
                rule("DIV0", RuleScope.GLOBAL, "importer_history_count / 0 > 1"),
                rule("GOOD", RuleScope.GLOBAL, "value > 0.0")), new RuleCompiler());
        Declaration d = TestDeclarations.declaration().build();
        RuleEvaluation ev = run(set, d);
        assertThat(ev.hits()).extracting(h -> h.rule().id()).containsExactly("GOOD");
        assertThat(ev.errors()).isEqualTo(2);
        assertThat(set.totalErrors()).isEqualTo(2);
        assertThat(set.failingRules()).extracting(RuleStats::ruleRef).containsExactly("MISSING_KEY@1", "DIV0@1");
        assertThat(set.stats("DIV0").orElseThrow().lastError()).contains("by zero");
        assertThat(set.stats("MISSING_KEY").orElseThrow().lastError()).contains("nope");
    }

    @Test
    void disabledAndOutOfPeriodRulesAreNotEvaluated() {
        Rule off = new Rule("OFF", 1, "off", "", null, null, 10, org.smartcustoms.risk.Threat.OTHER, RuleScope.GLOBAL,
                "true", Map.of(), false);
        RuleSet set = RuleSet.build(List.of(off,
                RuleTestSupport.dated("PAST", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)),
                RuleTestSupport.dated("NOW", LocalDate.of(2026, 1, 1), null)), new RuleCompiler());
        RuleEvaluation ev = run(set, TestDeclarations.declaration().date(LocalDate.of(2026, 6, 1)).build());
        assertThat(ev.evaluations()).isEqualTo(1);
        assertThat(ev.hits()).extracting(h -> h.rule().ref()).containsExactly("NOW@1");
    }

    @Test
    void fastPathIsUsedOnlyWhenEveryParamIsThere() {
        RuleSet set = RuleSet.build(List.of(
                rule("FAST", RuleScope.GLOBAL, "unit_price < params.min", Map.of("min", 30.0)),
                rule("NOKEY", RuleScope.GLOBAL, "unit_price < params.min", Map.of("max", 30.0)),
                rule("CEL", RuleScope.GLOBAL, "unit_price * 2.0 < params.min", Map.of("min", 30.0))), new RuleCompiler());
        assertThat(set.fastPathRules()).isEqualTo(1);
        RuleEvaluation ev = run(set, TestDeclarations.declaration().item("8471300000", "CN", "100", "10", "5").build());
        assertThat(ev.hits()).extracting(h -> h.rule().id()).containsExactly("FAST", "CEL");
        assertThat(ev.errors()).isEqualTo(1);
        assertThat(set.stats("NOKEY").orElseThrow().lastError()).contains("min");
    }

    @Test
    void declarationLevelOutcomesAreReusedAcrossItemsButStillCounted() {
        context.putParty(new PartyProfile("IMP1", 40, 10, LocalDate.of(2020, 1, 1)));
        RuleSet set = RuleSet.build(List.of(
                rule("RATE", RuleScope.GLOBAL, "importer_fraud_rate > params.t", Map.of("t", 0.5)),
                rule("RATE_HIT", RuleScope.GLOBAL, "importer_fraud_rate > params.t", Map.of("t", 0.1)),
                rule("DIV0", RuleScope.GLOBAL, "importer_history_count / 0 > 1"),
                rule("ITEM", RuleScope.GLOBAL, "value > params.t", Map.of("t", 150.0))), new RuleCompiler());
        Declaration d = TestDeclarations.declaration().item("8471300000", "CN", "100", "10", "5")
                .item("8471300000", "CN", "200", "10", "5").item("8471300000", "CN", "300", "10", "5").build();
        RuleEvaluation ev = run(set, d);
        RuleSet reference = RuleSet.buildInterpreted(set.rules(), new RuleCompiler());
        RuleEvaluation expected = run(reference, d);
        // 3 items: RATE 3, RATE_HIT 1 (then hit), DIV0 3 (3 errors), ITEM 2 (hit on item 2)
        assertThat(ev.evaluations()).isEqualTo(expected.evaluations()).isEqualTo(9);
        assertThat(ev.errors()).isEqualTo(expected.errors()).isEqualTo(3);
        assertThat(ev.hits()).isEqualTo(expected.hits());
        assertThat(ev.hits()).extracting(h -> h.rule().id() + "@" + h.itemSequence())
                .containsExactly("RATE_HIT@1", "ITEM@2");
        for (Rule r : set.rules()) assertThat(set.stats(r.id())).isEqualTo(reference.stats(r.id()));
    }

    @Test
    void sameOutcomesAsTheInterpreterOnTheSyntheticWorld() {
        org.smartcustoms.risk.bench.SyntheticData data = new org.smartcustoms.risk.bench.SyntheticData(3);
        List<Rule> rules = data.rules(50_000);
        RuleSet set = RuleSet.build(rules, new RuleCompiler());
        RuleSet reference = RuleSet.buildInterpreted(rules, new RuleCompiler());
        assertThat(set.fastPathRules()).isEqualTo(rules.size());
        assertThat(set.rules()).isEqualTo(rules);
        ItemFeaturesExtractor fx = new ItemFeaturesExtractor(data.context());
        int hits = 0;
        for (Declaration d : data.declarations(3_000, 1)) {
            List<org.smartcustoms.risk.features.ItemFeatures> items = fx.extract(d);
            List<String> parties = d.parties().stream().map(Party::id).filter(java.util.Objects::nonNull).toList();
            RuleEvaluation a = set.evaluate(items, parties, d.declarationDate());
            RuleEvaluation b = reference.evaluate(items, parties, d.declarationDate());
            assertThat(a).isEqualTo(b);
            hits += a.hits().size();
        }
        assertThat(hits).isPositive();
        assertThat(set.totalEvaluations()).isEqualTo(reference.totalEvaluations()).isPositive();
        for (Rule r : rules.subList(0, 2_000)) assertThat(set.stats(r.id())).isEqualTo(reference.stats(r.id()));
    }
}
