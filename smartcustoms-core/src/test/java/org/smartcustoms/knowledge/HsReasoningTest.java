package org.smartcustoms.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

/** The reasoning rules (hs-reasoning.txt) read from legal texts of the HS 2022 nomenclature and from descriptions. */
class HsReasoningTest {
    final EnglishAnalyzer analyzer = new EnglishAnalyzer();
    final HsReasoning r = HsReasoning.load(t -> AnalyzedTerms.of(analyzer, t));

    @Test
    void numericLimitsOfTheLegalTextAreMetOrBroken() {
        HsReasoning.Facts band = r.facts("Electric motors; AC motors, multi-phase, of an output exceeding 750W but not exceeding 75kW");
        assertThat(r.compare(r.query("Three-phase AC induction motor with an output of 15 kW"), band).limits()).isEqualTo(1.0);
        assertThat(r.compare(r.query("Three-phase AC motor of an output of 200 kW"), band).limits()).isEqualTo(-1.0);
        assertThat(r.compare(r.query("Three-phase AC motor, 0.55 kW"), band).limits()).isEqualTo(-1.0);

        HsReasoning.Facts fabric = r.facts("Fabrics, woven; containing 85% or more by weight of cotton, unbleached, plain weave, "
                + "weighing more than 100g/m2 but not more than 200g/m2");
        assertThat(r.compare(r.query("unbleached plain weave fabric, 100% cotton, 140 g/m²"), fabric).limits()).isEqualTo(1.0);
        assertThat(r.compare(r.query("unbleached plain weave fabric, 100% cotton, 85 gsm"), fabric).limits()).isEqualTo(0.0); // cotton met, weight broken

        // the property a length measures: "width 1,250 mm, thickness 2.5 mm" against width and thickness limits
        HsReasoning.Facts steel = r.facts("Iron or non-alloy steel; in coils, flat-rolled, of a width 600mm or more, hot-rolled, pickled, "
                + "of a thickness of 3mm or more but less than 4.75mm");
        assertThat(r.compare(r.query("hot-rolled steel in coils, width 1,250 mm, thickness 2.5 mm, pickled"), steel).limits()).isEqualTo(0.0);
        assertThat(r.compare(r.query("hot-rolled steel in coils, width 1,250 mm, thickness 4 mm, pickled"), steel).limits()).isEqualTo(1.0);
        assertThat(r.compare(r.query("hot-rolled steel in coils, 0.3 mm thick"), steel).limits()).isEqualTo(-1.0);
        // a length with no property is not compared with a width or thickness
        assertThat(r.compare(r.query("steel coil 2.5 mm"), steel).limits()).isEqualTo(0.0);

        HsReasoning.Facts brix = r.facts("Juice; orange, not frozen, of a Brix value exceeding 20, unfermented");
        assertThat(r.compare(r.query("orange juice concentrate, Brix value 65"), brix).limits()).isEqualTo(1.0);
        assertThat(r.compare(r.query("orange juice, Brix 12"), brix).limits()).isEqualTo(-1.0);
    }

    @Test
    void theChiefFibreByWeightDecidesAmongTheMaterialsASubheadingNames() {
        HsReasoning.Query blend = r.query("Men's trousers of woven fabric composed of 65% polyester and 35% cotton");
        assertThat(blend.chiefFibre()).isEqualTo("polyester");
        assertThat(blend.secondFibre()).isEqualTo("cotton");
        assertThat(r.compare(blend, r.facts("Trousers; men's or boys', of synthetic fibres (not knitted or crocheted)")).fibre()).isPositive();
        assertThat(r.compare(blend, r.facts("Trousers; men's or boys', of cotton (not knitted or crocheted)")).fibre()).isNegative();
        // a residual one that excludes the chief fibre
        assertThat(r.compare(blend, r.facts("Trousers; men's or boys', of textile materials (other than wool, fine animal hair, "
                + "cotton or synthetic fibres), (not knitted or crocheted)")).fibre()).isNegative();
        // "containing 85% or more by weight of cotton" is broken by 35% cotton
        assertThat(r.compare(blend, r.facts("Fabrics, woven; containing 85% or more by weight of cotton, dyed, plain weave")).limits()).isEqualTo(-1.0);
        // "mixed mainly or solely with cotton": the second fibre
        assertThat(r.compare(blend, r.facts("Fabrics, woven; plain weave, dyed, containing less than 85% by weight of polyester "
                + "staple fibres, mixed mainly or solely with cotton, not exceeding 170g/m2")).fibre()).isEqualTo(1.5);
        // a single material named without a share is the chief one; cashmere is a fine animal hair
        assertThat(r.query("Men's pullover of cashmere, knitted").chiefFibre()).isEqualTo("cashmere");
        assertThat(r.compare(r.query("pullover, 100% cashmere"), r.facts("Jerseys; knitted or crocheted, of wool or fine animal hair")).fibre()).isPositive();
    }

    @Test
    void negationOnEitherSideIsAConflictOrAnAgreement() {
        HsReasoning.Query notFilled = r.query("Chocolate bars, not filled, weighing 100 g");
        assertThat(notFilled.denied()).contains("fill");
        assertThat(notFilled.affirmedText()).doesNotContain("filled");
        assertThat(r.compare(notFilled, r.facts("Chocolate; in blocks, slabs or bars, filled, weighing 2kg or less")).polarity()).isNegative();
        assertThat(r.compare(notFilled, r.facts("Chocolate; in blocks, slabs or bars, (not filled), weighing 2kg or less")).polarity()).isPositive();

        HsReasoning.Facts woven = r.facts("Underpants and briefs; men's or boys', of cotton (not knitted or crocheted)");
        assertThat(woven.denied()).contains("knit");
        assertThat(r.compare(r.query("Men's boxer shorts, knitted, 100% cotton"), woven).polarity()).isNegative();
        assertThat(r.compare(r.query("Men's boxer shorts, not knitted, cotton"), woven).polarity()).isPositive();

        // "non-" denies its own word only
        HsReasoning.Query steel = r.query("non-alloy steel in coils");
        assertThat(steel.denied()).containsExactlyElementsOf(AnalyzedTerms.of(analyzer, "alloy"));
        assertThat(steel.affirmed()).contains("coil");
    }

    @Test
    void purposePartsArticlesAndResidualsAreRead() {
        HsReasoning.Query gasket = r.query("Gasket of vulcanised rubber for use in automobile engines");
        assertThat(gasket.purposeStart()).isEqualTo(AnalyzedTerms.of(analyzer, "Gasket of vulcanised rubber").size());
        assertThat(r.query("Parts for diesel engines: cylinder heads").parts()).isTrue();
        assertThat(r.query("Diesel engine of 75 kW").parts()).isFalse();

        assertThat(r.query("Men's long sleeve shirt of woven 100% cotton poplin fabric").articleNamed()).isTrue();
        assertThat(r.query("Woven cotton poplin fabric for making shirts").articleNamed()).isFalse();
        assertThat(r.isMaterialHeading("5208")).isTrue();
        assertThat(r.isArticleChapter("62")).isTrue();

        assertThat(r.facts("Electro-thermic appliances; n.e.c. in heading no. 8516, used for domestic purposes").residual()).isTrue();
        assertThat(r.facts("Tools; for working in the hand, with self-contained electric motor; other than saws and drills").residual()).isTrue();
        assertThat(r.facts("Electro-thermic appliances; toasters, of a kind used for domestic purposes").residual()).isFalse();
    }

    @Test
    void theHeadNounNamesTheGoodsNotTheirMaterialsOrComponents() {
        assertThat(r.query("The merchandise is a men's pullover sweater, machine knitted of cotton").headNoun()).isEqualTo("sweater");
        assertThat(r.query("Nails of steel wire, 40 mm long").headNoun()).isEqualTo("nail");
        assertThat(r.query("Men's crew socks knitted of 80% cotton and 20% nylon").headNoun()).isEqualTo("sock");
        assertThat(r.query("Passenger car with a spark-ignition engine of 1,600 cc").headNoun()).isEqualTo("car");
        // a generic noun names nothing
        assertThat(r.query("Articles of plastics for the packing of goods").headNoun()).isNull();
        // the goods of a legal text leave out its purpose clause: engines "for the propulsion of vehicles" are engines
        assertThat(r.goodsStems("Engines; reciprocating piston engines, of a kind used for the propulsion of vehicles of chapter 87"))
                .contains("engin").doesNotContain("vehicl");
    }

    @Test
    void contrastsStatedLimitsAndNotFurtherWorkedThanAreRead() {
        HsReasoning.Facts hot = r.facts("Steel, stainless; flat-rolled, width 600mm or more, hot-rolled, in coils, of a thickness of less than 3mm");
        HsReasoning.Facts cold = r.facts("Steel, stainless; flat-rolled, width 600mm or more, cold-rolled, of a thickness exceeding 1mm but less than 3mm");
        assertThat(r.compare(r.query("Stainless steel sheet in coils, cold-rolled, 2 mm thick"), hot).contrast()).isEqualTo(-1.0);
        assertThat(r.compare(r.query("Stainless steel sheet in coils, cold-rolled, 2 mm thick"), cold).contrast()).isEqualTo(0.0);
        assertThat(r.compare(r.query("Stainless steel sheet in coils, 2 mm thick"), hot).contrast()).isEqualTo(0.0);
        assertThat(r.compare(r.query("Passenger car with a diesel engine of 2,000 cc"),
                r.facts("Vehicles; with only spark-ignition internal combustion reciprocating piston engine, cylinder capacity over 1500 but not over 3000cc")).contrast())
                .isEqualTo(-1.0);
        // a description stating a limit itself lies just beyond it
        HsReasoning.Facts over = r.facts("Copper; wire, of refined copper, of which the maximum cross-sectional dimension exceeds 6mm");
        HsReasoning.Facts upTo = r.facts("Copper; wire, of refined copper, of which the maximum cross-sectional dimension is 6mm or less");
        HsReasoning.Query stated = r.query("Refined copper wire, maximum cross-sectional dimension exceeding 6 mm");
        assertThat(r.compare(stated, over).limits()).isEqualTo(1.0);
        assertThat(r.compare(stated, upTo).limits()).isEqualTo(-1.0);
        // "over 1000 but not over 1500cc": the first number takes the unit of the second
        HsReasoning.Query car = r.query("Passenger car with a petrol engine of 1,400 cc");
        assertThat(r.compare(car, r.facts("Vehicles; with only spark-ignition internal combustion piston engine, cylinder capacity over 1000 but not over 1500cc"))
                .limits()).isEqualTo(1.0);
        assertThat(r.compare(car, r.facts("Vehicles; with only spark-ignition internal combustion reciprocating piston engine, cylinder capacity over 1500 but not over 3000cc"))
                .limits()).isEqualTo(-1.0);
        // the property of the second number of a range is named before the first: "of a thickness of 0.5mm or more but not exceeding 1mm"
        assertThat(r.compare(r.query("Stainless steel in coils, cold-rolled, thickness 2.5 mm"),
                r.facts("Steel, stainless; flat-rolled, width 600mm or more, cold-rolled, of a thickness of 0.5mm or more but not exceeding 1mm")).limits())
                .isEqualTo(-1.0);
        // "not further worked than cleaned" affirms cleaned
        assertThat(r.compare(r.query("Duck feathers for stuffing, washed and cleaned"),
                r.facts("Animal products; feathers and down used for stuffing, not further worked than cleaned, disinfected or treated for preservation"))
                .polarity()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void neutralCuesComparisonsPartsOnlyAndDeniedAlternativesAreRead() {
        // "whether or not covered" and "not exceeding a net weight" deny nothing
        HsReasoning.Facts mattress = r.facts("Mattresses; of cellular rubber or plastics, whether or not covered");
        assertThat(mattress.denied()).doesNotContain("cover");
        assertThat(r.compare(r.query("Mattress of polyurethane foam covered with knitted polyester fabric"), mattress).polarity()).isEqualTo(0.0);
        HsReasoning.Facts glue = r.facts("Glues or adhesives; put up for retail sale as glues or adhesives, not exceeding a net weight of 1kg");
        assertThat(glue.denied()).doesNotContain("net", "weight");
        assertThat(r.facts("Screws and bolts; of iron or steel, whether or not with their nuts or washers").denied()).doesNotContain("nut");
        // a letter of a chemical name is no head noun
        assertThat(r.query("N,N-dimethylformamide (CAS 68-12-2), a solvent of 99.9% purity").headNoun()).isNull();
        // parts only, or goods "and parts thereof"
        assertThat(r.facts("Engines; parts for internal combustion piston engines (excluding spark-ignition)").partsOnly()).isTrue();
        assertThat(r.facts("Lamps and light fittings; parts thereof, of materials other than glass or plastics").partsOnly()).isTrue();
        assertThat(r.facts("Steel, stainless; table, kitchen and other household articles and parts thereof").partsOnly()).isFalse();
        // woven against knitted, also when the legal text denies the alternative the description names
        assertThat(r.compare(r.query("Men's swim trunks of polyester woven fabric"),
                r.facts("Swimwear; men's or boys', of synthetic fibres, knitted or crocheted")).contrast()).isEqualTo(-1.0);
        assertThat(r.compare(r.query("Gloves, knitted, of acrylic yarn"), r.facts("Gloves, mittens and mitts; (not knitted or crocheted)")).contrast())
                .isEqualTo(-1.0);
        assertThat(r.compare(r.query("Gloves of woven cotton fabric"), r.facts("Gloves, mittens and mitts; (not knitted or crocheted)")).contrast())
                .isEqualTo(0.0);
        // a parts subheading is told apart by what the parts are for: the purpose clause counts there
        HsReasoning.Query head = r.query("Cylinder head of cast aluminium for a compression-ignition diesel engine");
        assertThat(r.compare(head, r.facts("Engines; parts, suitable for use solely or principally with spark-ignition internal combustion piston engines (for other than aircraft)"))
                .contrast()).isEqualTo(-1.0);
        assertThat(r.compare(r.query("Truck for the transport of goods, for diesel fuel"),
                r.facts("Vehicles; for the transport of goods, with only spark-ignition internal combustion piston engine")).contrast()).isEqualTo(0.0);
    }

    @Test
    void componentMaterialsByRoleAreCompared() {
        HsReasoning.Facts leather = r.facts("Handbags; whether or not with shoulder strap, including those without handle, with outer surface of leather or of composition leather");
        HsReasoning.Facts textile = r.facts("Handbags; whether or not with shoulder strap, including those without handle, with outer surface of sheeting of plastics or of textile materials");
        HsReasoning.Query bag = r.query("A women's handbag with an outer surface of cowhide leather, a fabric-lined interior and a zippered pocket");
        assertThat(r.compare(bag, leather).contrast()).isEqualTo(0.0);
        assertThat(r.compare(bag, textile).contrast()).isEqualTo(-1.0);
        // footwear: the outer sole and the upper each by their own material
        HsReasoning.Facts leatherSoles = r.facts("Footwear; with outer soles of leather, and uppers which consist of leather straps across the instep and around the big toe");
        HsReasoning.Query sandal = r.query("Women's sandal with an upper of leather straps, and an outer sole of rubber");
        assertThat(r.compare(sandal, leatherSoles).contrast()).isEqualTo(-1.0);
        assertThat(r.compare(r.query("Sandal with an upper of leather straps and an outer sole of leather"), leatherSoles).contrast()).isEqualTo(0.0);
    }

    @Test
    void aChapterDefinedByItsMaterialIsRuledOutByAnotherMaterialNamedForTheGoods() {
        java.util.Set<String> hanger = r.materialsNamed(r.query("A coat hanger made of moulded polypropylene with a chromed metal hook, for shop displays"));
        assertThat(r.otherMaterial(hanger, "44")).isTrue();    // articles of wood
        assertThat(r.otherMaterial(hanger, "73")).isTrue();    // the hook's metal names a component, not the goods
        assertThat(r.otherMaterial(hanger, "39")).isFalse();
        assertThat(r.otherMaterial(hanger, "94")).isFalse();   // not a chapter defined by its material
        // a second sentence still speaks of the goods; man-made polymers are textiles too
        java.util.Set<String> tank = r.materialsNamed(r.query("The article is a rooftop water tank. It is made of polyethylene."));
        assertThat(r.otherMaterial(tank, "73")).isTrue();
        assertThat(r.otherMaterial(tank, "39")).isFalse();
        assertThat(r.otherMaterial(tank, "54")).isFalse();
        // naming no material, or only the packing, rules out nothing; a denied material is not named
        assertThat(r.otherMaterial(r.materialsNamed(r.query("Clothes hangers")), "44")).isFalse();
        assertThat(r.otherMaterial(r.materialsNamed(r.query("Ethyl acetate of 99.8% purity, imported in steel drums")), "39")).isFalse();
        assertThat(r.materialsNamed(r.query("Garden chair, not of wood"))).isEmpty();
        // linen is a textile, not paper
        assertThat(r.otherMaterial(r.materialsNamed(r.query("Tea towels of woven linen")), "48")).isTrue();
    }
}
