package org.smartcustoms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartcustoms.risk.TestDeclarations.declaration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.features.ClassificationCheck;
import org.smartcustoms.risk.features.RiskContext;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.risk.rules.RuleCompiler;
import org.smartcustoms.risk.rules.RuleScope;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;

class RiskEngineTest {
    private static final RiskConfig NO_RANDOM = RiskConfig.defaults().withRandomShare(0);

    private static Rule rule(String id, int weight, Threat threat, String expr) {
        return new Rule(id, 3, "name " + id, "targeting", null, null, weight, threat, RuleScope.GLOBAL, expr, Map.of(),
                true);
    }

    private static RiskEngine engine(List<Rule> rules, WatchList wl, FraudModel model, RiskConfig config) {
        return new RiskEngine(RuleSet.build(rules, new RuleCompiler()), wl, model, RiskContext.empty(), config,
                new Random(42));
    }

    private static RiskEngine engine(List<Rule> rules, RiskConfig config) {
        return engine(rules, WatchList.empty(), FraudModel.constant(0), config);
    }

    @Test
    void cleanDeclarationIsGreenWithLowScorecard() {
        RiskDecision d = engine(List.of(rule("R1", 50, Threat.ORIGIN, "false")), NO_RANDOM).assess(declaration().build());
        assertThat(d.score()).isZero();
        assertThat(d.channel()).isEqualTo(Channel.GREEN);
        assertThat(d.scorecard()).hasSize(Threat.values().length).allSatisfy((t, l) -> assertThat(l).isEqualTo(Level.LOW));
        assertThat(d.reasons()).isEmpty();
        assertThat(d.randomlySelected()).isFalse();
        assertThat(d.modelVersion()).isEqualTo("none");
    }

    @Test
    void ruleWeightsCombineByNoisyOrIntoThresholdChannels() {
        RiskEngine one = engine(List.of(rule("R1", 50, Threat.ORIGIN, "true")), NO_RANDOM);
        RiskDecision d1 = one.assess(declaration().build());
        assertThat(d1.score()).isEqualTo(50);
        assertThat(d1.channel()).isEqualTo(Channel.YELLOW);
        assertThat(d1.scorecard().get(Threat.ORIGIN)).isEqualTo(Level.MEDIUM);
        assertThat(d1.ruleVersions()).containsExactly("R1@3");
        assertThat(d1.reasons()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Reason.Source.RULE);
            assertThat(r.text()).contains("R1@3").contains("name R1").contains("ORIGIN");
            assertThat(r.weight()).isEqualTo(50);
        });

        RiskEngine two = engine(List.of(rule("R1", 50, Threat.ORIGIN, "true"),
                rule("R2", 50, Threat.MISCLASSIFICATION, "true")), NO_RANDOM);
        RiskDecision d2 = two.assess(declaration().build());
        assertThat(d2.score()).isEqualTo(75);
        assertThat(d2.channel()).isEqualTo(Channel.RED);
        assertThat(d2.scorecard().get(Threat.MISCLASSIFICATION)).isEqualTo(Level.MEDIUM);

        RiskEngine strict = engine(List.of(rule("R1", 50, Threat.ORIGIN, "true")), NO_RANDOM.withThresholds(20, 45));
        assertThat(strict.assess(declaration().build()).channel()).isEqualTo(Channel.RED);
    }

    @Test
    void modelProbabilityIsMaxOverItemsAndExplained() {
        FraudModel model = new FraudModel() {
            public String version() { return "kcs-test-1"; }
            public Prediction predict(Declaration d, GoodsItem i) {
                double p = i.sequence() == 2 ? 0.6 : 0.1;
                return new Prediction(p, 1000, List.of(
                        new Contribution("unit_price", 0.3, "Unit price is 70 % below the norm for HS 847130 from CN"),
                        new Contribution("history", -0.1, "Long clean history")));
            }
        };
        RiskEngine e = engine(List.of(rule("R1", 50, Threat.ORIGIN, "true")), WatchList.empty(), model, NO_RANDOM);
        RiskDecision d = e.assess(declaration().item("8471300000", "CN", "1", "1", "1")
                .item("8471300000", "CN", "1", "1", "1").build());
        assertThat(d.fraudProbability()).isEqualTo(0.6);
        assertThat(d.score()).isEqualTo(80); // 1 - 0.4 * 0.5
        assertThat(d.modelVersion()).isEqualTo("kcs-test-1");
        assertThat(d.scorecard().get(Threat.UNDERVALUATION)).isEqualTo(Level.MEDIUM);
        assertThat(d.reasons()).filteredOn(r -> r.source() == Reason.Source.MODEL).extracting(Reason::text)
                .containsExactly("Model kcs-test-1: fraud probability 0.60 on item 2",
                        "Unit price is 70 % below the norm for HS 847130 from CN");
        assertThat(d.explanation()).contains("Score 80, channel RED").contains("[MODEL]").contains("[RULE]");
    }

    @Test
    void criticalHeadRatesProhibitedGoodsWithoutAddingToTheScore() {
        FraudModel model = new FraudModel() {
            public String version() { return "kcs-test-2"; }
            public Prediction predict(Declaration d, GoodsItem i) {
                return new Prediction(i.sequence() == 1 ? 0.3 : 0.2, 10, List.of(), i.sequence() == 2 ? 0.75 : 0.05);
            }
        };
        RiskEngine e = engine(List.of(), WatchList.empty(), model, NO_RANDOM);
        RiskDecision d = e.assess(declaration().item("8471300000", "CN", "1", "1", "1")
                .item("8471300000", "CN", "1", "1", "1").build());
        assertThat(d.score()).isEqualTo(30);
        assertThat(d.scorecard().get(Threat.PROHIBITED)).isEqualTo(Level.HIGH);
        assertThat(d.criticalFraud()).isTrue();
        assertThat(d.reasons()).extracting(Reason::text).contains(
                "Model kcs-test-2: probability 0.75 of prohibited goods or another critical irregularity on item 2");
        RiskDecision low = engine(List.of(), WatchList.empty(), new FraudModel() {
            public String version() { return "kcs-test-3"; }
            public Prediction predict(Declaration dd, GoodsItem i) { return new Prediction(0.3, 10, List.of(), 0.1); }
        }, NO_RANDOM).assess(declaration().build());
        assertThat(low.scorecard().get(Threat.PROHIBITED)).isEqualTo(Level.LOW);
        assertThat(low.reasons()).extracting(Reason::text).noneMatch(t -> t.contains("critical"));
    }

    @Test
    void failingModelDoesNotBreakScoring() {
        FraudModel broken = new FraudModel() {
            public String version() { return "broken"; }
            public Prediction predict(Declaration d, GoodsItem i) { throw new IllegalStateException("no features"); }
        };
        RiskEngine e = engine(List.of(rule("R1", 50, Threat.ORIGIN, "true")), WatchList.empty(), broken, NO_RANDOM);
        RiskDecision d = e.assess(declaration().build());
        assertThat(d.score()).isEqualTo(50);
        assertThat(e.modelErrors()).isEqualTo(1);
        assertThat(e.lastModelError()).contains("no features");
    }

    @Test
    void listedTraderForcesRedWithFloorAndSecurityHigh() {
        WatchList wl = new WatchList(List.of(new PartyEntry("W1", null, "Acme Trading Co Ltd", List.of(),
                "front company", "UN", null, null)), List.of());
        RiskEngine e = engine(List.of(), wl, FraudModel.constant(0), NO_RANDOM.withTargetRates(0.01, 0.01, 100, 0));
        RiskDecision d = e.assess(declaration().party(PartyRole.SELLER, null, "ACME TRADING COMPANY LIMITED").build());
        assertThat(d.score()).isEqualTo(90);
        assertThat(d.channel()).isEqualTo(Channel.RED);
        assertThat(d.scorecard().get(Threat.SECURITY)).isEqualTo(Level.HIGH);
        assertThat(d.criticalFraud()).isTrue();
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Reason.Source.WATCHLIST);
            assertThat(r.text()).contains("W1").contains("seller name").contains("front company");
        });
    }

    @Test
    void commodityTargetRaisesScoreToItsFloorAndRatesItsThreat() {
        WatchList wl = new WatchList(List.of(), List.of(new CommodityTarget("C1", "0303", null, null, null,
                Threat.PROHIBITED, "CITES fish")));
        RiskEngine e = engine(List.of(), wl, FraudModel.constant(0), NO_RANDOM);
        RiskDecision d = e.assess(declaration().item("0303890000", "VN", "100", "10", "10").build());
        assertThat(d.score()).isEqualTo(60);
        assertThat(d.channel()).isEqualTo(Channel.YELLOW);
        assertThat(d.scorecard().get(Threat.PROHIBITED)).isEqualTo(Level.MEDIUM);
    }

    @Test
    void aeoReductionAppliesButNotBelowWatchListFloor() {
        RiskEngine e = engine(List.of(rule("R1", 75, Threat.ORIGIN, "true")), NO_RANDOM);
        Party aeo = new Party(PartyRole.AUTHORISATION_HOLDER, "IMP1", null, null, "AEOF");
        RiskDecision plain = e.assess(declaration().build());
        RiskDecision certified = e.assess(declaration().party(aeo).build());
        assertThat(plain.score()).isEqualTo(75);
        assertThat(plain.channel()).isEqualTo(Channel.RED);
        assertThat(certified.score()).isEqualTo(55);
        assertThat(certified.channel()).isEqualTo(Channel.YELLOW);
        assertThat(certified.reasons()).anySatisfy(r -> {
            assertThat(r.source()).isEqualTo(Reason.Source.AEO);
            assertThat(r.weight()).isEqualTo(-20);
        });
        // AEO for somebody else does not count
        Party otherAeo = new Party(PartyRole.AUTHORISATION_HOLDER, "SOMEONE", null, null, "AEOC");
        assertThat(e.assess(declaration().party(otherAeo).build()).score()).isEqualTo(75);
        // configured AEO list
        RiskEngine listed = engine(List.of(rule("R1", 75, Threat.ORIGIN, "true")), NO_RANDOM.withAeo(30, Set.of("IMP1")));
        assertThat(listed.assess(declaration().build()).score()).isEqualTo(45);

        WatchList wl = new WatchList(List.of(new PartyEntry("W1", "IMP1", null, List.of(), "", "", null, null)), List.of());
        RiskEngine floored = engine(List.of(), wl, FraudModel.constant(0), NO_RANDOM);
        RiskDecision d = floored.assess(declaration().party(aeo).build());
        assertThat(d.score()).isEqualTo(90);
        assertThat(d.channel()).isEqualTo(Channel.RED);
    }

    @Test
    void randomSelectionShareMatchesConfigAndIsFlagged() {
        RiskEngine e = engine(List.of(), RiskConfig.defaults().withRandomShare(0.02));
        int selected = 0;
        Declaration clean = declaration().build();
        for (int i = 0; i < 10_000; i++) {
            RiskDecision d = e.assess(clean);
            if (d.randomlySelected()) {
                selected++;
                assertThat(d.channel()).isEqualTo(Channel.YELLOW);
                assertThat(d.reasons()).anySatisfy(r -> assertThat(r.source()).isEqualTo(Reason.Source.RANDOM));
            } else {
                assertThat(d.channel()).isEqualTo(Channel.GREEN);
            }
        }
        // binomial(10000, 0.02): mean 200, sd 14; 5 sd either side
        assertThat(selected).isBetween(130, 270);
    }

    @Test
    void amendmentKeepsThePreviousRandomSelection() {
        RiskEngine e = engine(List.of(), RiskConfig.defaults().withRandomShare(1.0));
        RiskDecision first = e.assess(declaration().build());
        assertThat(first.randomlySelected()).isTrue();
        RiskEngine never = engine(List.of(), RiskConfig.defaults().withRandomShare(0));
        assertThat(never.assess(declaration().build(), first).randomlySelected()).isTrue();
    }

    @Test
    void targetInspectionRateSetsChannelsFromRecentScores() {
        List<Rule> rules = new ArrayList<>();
        for (int s = 1; s <= 100; s++) {
            rules.add(new Rule("S" + s, 1, "s", "", null, null, s, Threat.OTHER, new RuleScope(null, null, "T" + s, null),
                    "true", Map.of(), true));
        }
        RiskEngine e = engine(rules, NO_RANDOM.withTargetRates(0.10, 0.20, 1000, 100));
        Random r = new Random(7);
        int red = 0;
        int yellow = 0;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            int s = 1 + r.nextInt(100);
            Channel c = e.assess(declaration().noParties().party(PartyRole.IMPORTER, "T" + s, null).build()).channel();
            if (i < 1000) continue;
            if (c == Channel.RED) red++;
            if (c == Channel.YELLOW) yellow++;
        }
        // fixed thresholds would give 31 % red; the window keeps it near the 10 % target
        assertThat(red / 4000.0).isBetween(0.07, 0.13);
        assertThat(yellow / 4000.0).isBetween(0.16, 0.24);
    }

    @Test
    void modelContributionsAreShownInScorePoints() {
        // p 0.5 and a contribution of ln 3 log-odds: without it p would be 0.25, so it is worth 25 of the 50 points
        assertThat(RiskEngine.scorePoints(0.5, Math.log(3))).isEqualTo(25.0);
        // however large in log-odds, a contribution is never worth more than the model's 100 x p
        assertThat(RiskEngine.scorePoints(0.62, 236.55)).isEqualTo(62.0);
        assertThat(RiskEngine.scorePoints(0.62, 0)).isEqualTo(0.0);
    }

    @Test
    void descriptionPointingToAnotherHeadingIsARuleVariableAndAReason() {
        // declared 8471.30 (laptops); the classifier reads the description as 8517.13 (smartphones)
        ClassificationCheck phones = (description, declared) -> Optional.of(
                new ClassificationCheck.Opinion("851713", "Smartphones", 0.62, "Portable computers"));
        RiskEngine e = engine(List.of(rule("MIS", 40, Threat.MISCLASSIFICATION,
                "classification_distance >= 2 && classification_confidence >= 0.5 && suggested_hs6 == '851713'")), NO_RANDOM);
        assertThat(e.assess(declaration().build()).score()).isZero();   // no check: no opinion, distance 0

        e.useClassificationCheck(phones);
        RiskDecision d = e.assess(declaration().build());
        assertThat(d.score()).isEqualTo(40);
        assertThat(d.scorecard().get(Threat.MISCLASSIFICATION)).isEqualTo(Level.MEDIUM);
        assertThat(d.reasons()).filteredOn(r -> r.source() == Reason.Source.CLASSIFICATION).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Item 1: the description suggests 8517.13 Smartphones (confidence 0.62), "
                    + "declared 8471.30 Portable computers");
            assertThat(r.weight()).isZero();
        });
    }

    @Test
    void nearbySuggestionsWeakOpinionsAndFailingChecksGiveNoReason() {
        RiskEngine e = engine(List.of(rule("MIS", 40, Threat.MISCLASSIFICATION, "classification_distance >= 1")), NO_RANDOM);
        e.useClassificationCheck((description, declared) -> Optional.of(new ClassificationCheck.Opinion("847141", "Other", 0.9, "")));
        RiskDecision sameHeading = e.assess(declaration().build());
        assertThat(sameHeading.score()).isEqualTo(40);                 // distance 1: usable by rules...
        assertThat(sameHeading.reasons()).noneMatch(r -> r.source() == Reason.Source.CLASSIFICATION);   // ...but no reason

        e.useClassificationCheck((description, declared) -> Optional.of(new ClassificationCheck.Opinion("851713", "Phones", 0.2, "")));
        assertThat(e.assess(declaration().build()).reasons()).noneMatch(r -> r.source() == Reason.Source.CLASSIFICATION);

        e.useClassificationCheck((description, declared) -> { throw new IllegalStateException("classifier down"); });
        RiskDecision failed = e.assess(declaration().build());
        assertThat(failed.score()).isZero();
        assertThat(failed.reasons()).isEmpty();
    }

    @Test
    void codeDistanceFollowsTheHierarchy() {
        assertThat(ClassificationCheck.Distance.between("8517790000", "851779")).isEqualTo(ClassificationCheck.Distance.SAME);
        assertThat(ClassificationCheck.Distance.between("8517.79", "851713")).isEqualTo(ClassificationCheck.Distance.SUBHEADING);
        assertThat(ClassificationCheck.Distance.between("851779", "851830")).isEqualTo(ClassificationCheck.Distance.HEADING);
        assertThat(ClassificationCheck.Distance.between("610910", "851713")).isEqualTo(ClassificationCheck.Distance.CHAPTER);
        assertThat(ClassificationCheck.Distance.between("85", "851713")).isEqualTo(ClassificationCheck.Distance.SAME);
    }
}
