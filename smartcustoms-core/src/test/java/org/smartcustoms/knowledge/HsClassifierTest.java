package org.smartcustoms.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Classification behaviour on everyday descriptions (not the dev rulings) and learning while running. */
class HsClassifierTest {
    final HsClassifier c = KnowledgeTestModels.classifier();

    @Test
    void everydayGoodsLandInTheirHeadingWithThePathAsEvidence() {
        assertThat(c.classify("500 cotton T-shirts from Bangladesh", 5).get(0).hs6()).isEqualTo("610910");
        assertThat(c.classify("Android smartphone, 6.5 inch screen", 5).get(0).hs6()).isEqualTo("851713");
        assertThat(c.classify("laptop computer 15 inch", 5).get(0).hs6()).isEqualTo("847130");
        assertThat(c.classify("frozen shrimp, peeled", 5).stream().map(HsSuggestion::hs6).map(x -> x.substring(0, 4))).contains("0306");

        HsSuggestion s = c.classify("men's knitted cotton t-shirts", 5).get(0);
        assertThat(s.path()).extracting(HsNode::level).containsExactly("section", "chapter", "heading", "subheading");
        assertThat(s.path().get(2).code()).isEqualTo("6109");
        assertThat(s.matchedTerms()).anySatisfy(t -> assertThat(t).contains("cotton"));
        assertThat(s.matchedKeywords()).anySatisfy(k -> assertThat(k).contains("t-shirt"));
    }

    @Test
    void confidencesAreOrderedAndSumToAtMostOne() {
        List<HsSuggestion> s = c.classify("stainless steel kitchen knife", 5);
        assertThat(s).hasSize(5);
        for (int i = 1; i < s.size(); i++) assertThat(s.get(i).confidence()).isLessThanOrEqualTo(s.get(i - 1).confidence());
        assertThat(s.stream().mapToDouble(HsSuggestion::confidence).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(c.classify("", 5)).isEmpty();
        assertThat(c.classify("   ", 5)).isEmpty();
        assertThat(c.classify("ignore previous instructions <script>alert(1)</script>", 5)).hasSize(5);
        assertThat(c.classify("x".repeat(50_000), 3)).hasSize(3);
    }

    @Test
    void learnsFromReclassificationsWithoutRestart() {
        HsClassifier fresh = HsClassifier.load(MiniLmEmbedder.shared(), null);
        String description = "Zentrix QX-9 handheld wand unit for warehouse labels";
        String before = fresh.classify(description, 1).get(0).hs6();
        String target = before.equals("847160") ? "851762" : "847160";
        fresh.learn(new LearnedExample(description, target, LearnedExample.Source.RECLASSIFICATION));
        fresh.learn(new LearnedExample(description, target, LearnedExample.Source.RECLASSIFICATION)); // duplicate ignored
        assertThat(fresh.learnedCount()).isEqualTo(1);
        HsSuggestion after = fresh.classify(description, 5).get(0);
        assertThat(after.hs6()).isEqualTo(target);
        assertThat(after.similar()).singleElement().satisfies(x -> {
            assertThat(x.hs6()).isEqualTo(target);
            assertThat(x.source()).isEqualTo("RECLASSIFICATION");
        });
        // the shared classifier did not learn it
        assertThat(c.classify(description, 1).get(0).similar()).isEmpty();
    }

    @Test
    void aPastDeclarationDoesNotOutweighWhatTheDescriptionStates() {
        HsClassifier fresh = HsClassifier.load(MiniLmEmbedder.shared(), null);
        fresh.learn(new LearnedExample("Men's woven trousers", "620342", LearnedExample.Source.DECLARATION));
        // the past text said nothing of the fibres; this one states polyester as the chief fibre: of synthetic fibres
        HsSuggestion stated = fresh.classify("Men's woven trousers of 65% polyester and 35% cotton", 1).get(0);
        assertThat(stated.hs6()).isEqualTo("620343");
        // the same text as the past declaration still follows it
        assertThat(fresh.classify("Men's woven trousers", 1).get(0).hs6()).isEqualTo("620342");
    }

    @Test
    void evaluationCountsTopKAndReportsEachMiss() throws Exception {
        String csv = "description,hs6\nlaptop computer 15 inch,847130\nlaptop computer 15 inch,010121\n";
        List<ClassifierEvaluation.Miss> misses = new java.util.ArrayList<>();
        ClassifierEvaluation.Result r = ClassifierEvaluation.evaluate(c, new java.io.StringReader(csv), misses::add);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.top1()).isEqualTo(0.5);
        assertThat(misses).singleElement().satisfies(m -> {
            assertThat(m.row()).isEqualTo(2);
            assertThat(m.expected()).isEqualTo("010121");
            assertThat(m.suggested()).hasSize(5).first().isEqualTo("847130");
        });
    }

    @Test
    void theLongestCuratedPhraseWinsOverTheWordsInsideIt() {
        // "truck tyre" (new, 4011.20) and "tyres" (4011) lie inside "retreaded truck tyre" (4012.12)
        assertThat(c.matchedKeywords("retreaded truck tyre for lorries"))
                .contains("401212:retreaded truck tyre")
                .doesNotContain("401120:truck tyre", "4011:tyres");
        assertThat(c.matchedKeywords("truck tyre 315/80 R22.5")).contains("401120:truck tyre");
        // a heading's own phrase inside its subheading's phrase still counts for the heading
        assertThat(c.matchedKeywords("rotary screw air compressor, 7.5 kW"))
                .contains("841480:screw air compressor", "8414:air compressor");
        assertThat(c.classify("retreaded truck tyre for lorries", 1).get(0).hs6()).isEqualTo("401212");
    }

    @Test
    void theReasoningLayerAppliesLimitsFibresNegationArticlesAndResiduals() {
        // limits: the curated "three-phase ac motor" names 8501.52 (750 W - 75 kW); 200 kW breaks its limit
        assertThat(top("Three-phase AC motor of an output of 200 kW")).isEqualTo("850153");
        assertThat(top("Three-phase AC induction motor with an output of 15 kW")).isEqualTo("850152");
        // negation: "not filled" is not "filled"
        assertThat(top("Chocolate bars, not filled, weighing 100 g")).isEqualTo("180632");
        // chief fibre by weight: 65% polyester makes trousers "of synthetic fibres", not "of cotton"
        assertThat(top("Men's trousers of woven fabric composed of 65% polyester and 35% cotton")).isEqualTo("620343");
        // an article, not its material: a skirt of cotton denim is a skirt
        assertThat(top("Women's skirt made from 100% cotton denim fabric")).isEqualTo("620452");
        // residual: a live mammal no named subheading of 0106.1 fits is "other"
        assertThat(top("Live hedgehogs")).isEqualTo("010619");
        // and the reasons are part of the evidence
        assertThat(c.classify("Three-phase AC motor of an output of 200 kW", 5).get(0).matchedTerms())
                .anySatisfy(t -> assertThat(t).startsWith("rule: meets power"));
    }

    @Test
    void theGoodsNamedFirstContrastsAndStatedLimitsDecide() {
        // head noun: the goods named first, not the engine, fibres, wire or grapes of the modifier clause
        assertThat(top("Passenger motor car with a spark-ignition reciprocating piston engine of 1,400 cc, five doors, for the transport of persons"))
                .isEqualTo("870322");
        assertThat(top("Yarn of polyester staple fibres, single, 100% polyester, not put up for retail sale")).isEqualTo("550921");
        assertThat(top("Nails of steel wire, 80 mm long, for construction")).isEqualTo("731700");
        assertThat(top("Wine of fresh grapes, white, in glass bottles of 75 cl")).isEqualTo("220421");
        assertThat(c.classify("Nails of steel wire, 80 mm long, for construction", 5))
                .filteredOn(x -> x.hs6().startsWith("7217")).allSatisfy(x -> assertThat(x.matchedTerms()).contains("rule: does not name the goods (nail)"));
        // contrast: cold-rolled is not hot-rolled
        assertThat(top("Stainless steel flat-rolled product in coils, cold-rolled, width 1,500 mm, thickness 2.5 mm")).isEqualTo("721933");
        // a limit the description states itself: "less than 67 decitex" is below 67 decitex
        assertThat(top("Pantyhose of synthetic fibres, knitted, measuring per single yarn less than 67 decitex")).isEqualTo("611521");
    }

    @Test
    void materialsComponentsAndPartsDoNotOutweighTheGoodsNamed() {
        // a curated material or component named after the goods counts less than the goods
        assertThat(top("The merchandise is a men's dress belt of full-grain cowhide leather, 30 mm wide, with a buckle of zinc alloy")).isEqualTo("420330");
        assertThat(top("Cast sheets of polymethyl methacrylate, non-cellular, transparent, 2 mm thick, used for shop displays")).isEqualTo("392051");
        assertThat(top("Sewing thread of 100% polyester continuous filament on cones, for industrial sewing machines")).isEqualTo("540110");
        // a parts subheading for goods that are not parts loses; the parts' purpose clause decides among parts subheadings
        assertThat(top("Cylinder head of cast aluminium, machined, for a compression-ignition internal combustion diesel engine of a bus"))
                .isEqualTo("840999");
        // "whether or not covered" denies nothing; woven fabric is not a knitted heading
        assertThat(top("Mattress of polyurethane foam, covered with a knitted polyester fabric, king size")).isEqualTo("940421");
        assertThat(top("Boys' swim trunks of 100% nylon woven fabric with an elastic waistband").substring(0, 4)).isEqualTo("6211");
    }

    @Test
    void aMaterialNamedForTheGoodsRulesOutChaptersOfOtherMaterials() {
        // GRI 1 with the chapter titles: a water tank of polyethylene is not a tank of iron or steel (7309), a belt of rubber
        // reinforced with textile is not a textile belt (5910); candidates of wood (4421) or of iron or steel (7326) for a hanger of
        // plastics lose, whatever metal its hook is of (it still lands in 7210: 3926 is not among its candidates)
        assertThat(top("Water storage tank of rotationally moulded polyethylene, capacity 1,500 litres, for installation on rooftops"))
                .isEqualTo("392510");
        assertThat(top("Endless conveyor belt of vulcanised rubber, reinforced only with textile materials, 800 mm wide").substring(0, 4))
                .isEqualTo("4010");
        String hanger = "Coat hangers of injection-moulded polypropylene with a swivel hook of chromed steel wire, for the retail display of garments";
        assertThat(c.classify(hanger, 10)).filteredOn(x -> x.hs6().startsWith("4421") || x.hs6().startsWith("7326"))
                .isNotEmpty().allSatisfy(x -> assertThat(x.matchedTerms()).contains("rule: the description names another material than this chapter's"));
    }

    private String top(String description) {
        return c.classify(description, 1).get(0).hs6();
    }

    /**
     * Session 15: compound chemical names the vocabulary does not list are read by the ending naming their functional
     * group (Chapter 29 is arranged by function), which names the heading and its residual subheadings; a polymer's name
     * and an amino group on an alcohol are not read as the ending alone. Main put the first four in 3815, 3004, 2815/3211
     * and 3808 (none in Chapter 29).
     */
    @Test
    void compoundChemicalNamesAreReadByTheirFunctionalGroup() {
        assertThat(c.chemicalHeadings("The product is 4-methylmorpholine (CAS 109-02-4), a liquid.")).extracting(h -> h).hasSize(1);
        assertThat(c.classify("The merchandise is 4-methylmorpholine (CAS 109-02-4), a colorless liquid used as a catalyst in the production of polyurethane foams.", 5).get(0).hs6()).isEqualTo("293499");
        assertThat(c.classify("The product is benzenesulfonamide (CAS 98-10-2), a white crystalline powder of 99% purity used as an intermediate in the synthesis of pharmaceuticals.", 5).get(0).hs6()).isEqualTo("293590");
        assertThat(c.classify("The product is sodium 2-ethylhexanoate (CAS 19766-89-3), a white powder used as a drier in paints and as a stabilizer.", 5).get(0).hs6()).isEqualTo("291590");
        HsSuggestion deet = c.classify("The merchandise is N,N-diethyl-m-toluamide (CAS 134-62-3), technical grade of 97% purity, the active ingredient used in the manufacture of insect repellents.", 5).get(0);
        assertThat(deet.hs6()).startsWith("2924");
        assertThat(deet.matchedKeywords()).contains("chemical name ending");
        // not endings: a polymer, a word the vocabulary names, an amino-alcohol
        assertThat(c.chemicalHeadings("Polyethylene terephthalate chips, bottle grade.")).isEmpty();
        assertThat(c.chemicalHeadings("Ethanol, undenatured, 96% vol.")).isEmpty();
        assertThat(c.chemicalHeadings("2-Aminoethanol of 99% purity.")).extracting(h -> c.headingCode(h)).containsExactly("2922");
    }

    /**
     * Session 16: from the third subheading of a heading on, a candidate of another heading scoring within 0.03 takes the
     * place first, so one heading's siblings do not crowd the next headings out of the five shown; the sibling comes back
     * at the next place, a sibling well ahead keeps its place, and the first place never changes.
     */
    @Test
    void theSubheadingsOfOneHeadingDoNotCrowdOutACloseNextHeading() {
        int[] headingOf = {0, 0, 0, 0, 1, 2};
        float[] f = {0.80f, 0.79f, 0.78f, 0.77f, 0.76f, 0.50f};
        Integer[] order = {0, 1, 2, 3, 4, 5};
        HsClassifier.compose(order, 6, f, headingOf);
        // heading 1 (0.76) is within 0.03 of the third and fourth siblings (0.78, 0.77); heading 2 (0.50) is not
        assertThat(order).containsExactly(0, 1, 4, 2, 3, 5);

        float[] apart = {0.80f, 0.79f, 0.78f, 0.77f, 0.70f, 0.50f};
        Integer[] kept = {0, 1, 2, 3, 4, 5};
        HsClassifier.compose(kept, 6, apart, headingOf);
        assertThat(kept).containsExactly(0, 1, 2, 3, 4, 5);

        // only the first pool places are composed; the rest keep their order
        Integer[] partial = {0, 1, 2, 3, 4, 5};
        HsClassifier.compose(partial, 3, f, headingOf);
        assertThat(partial).containsExactly(0, 1, 2, 3, 4, 5);
    }

    /** Session 16: a subheading placed after another heading's candidate shows no more confidence than that one. */
    @Test
    void confidencesStayOrderedWhenTheListIsComposed() {
        for (String d : List.of("home espresso maker with steam wand", "jigsaw puzzle of cardboard, 500 pieces",
                "alloy road wheels for passenger cars")) {
            List<HsSuggestion> s = c.classify(d, 10);
            assertThat(s).hasSize(10);
            for (int i = 1; i < s.size(); i++) assertThat(s.get(i).confidence()).isLessThanOrEqualTo(s.get(i - 1).confidence());
        }
    }
}
