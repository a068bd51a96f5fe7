package org.smartcustoms.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.Channel;
import org.smartcustoms.risk.Reason;
import org.smartcustoms.risk.RiskConfig;
import org.smartcustoms.risk.RiskDecision;
import org.smartcustoms.risk.RiskEngine;
import org.smartcustoms.risk.TestDeclarations;
import org.smartcustoms.risk.features.RiskContext;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.WatchList;

class EnforcementIndexTest {
    private static final EntityRef KANZEI = new EntityRef(EntityType.COMPANY, "C-000001");
    private static final EnforcementIndex.SeizureFact COCAINE = new EnforcementIndex.SeizureFact("S-2026-0042",
            "12 kg cocaine in machine parts, 2026-03", LocalDate.of(2026, 3, 14), CommodityCategory.DRUGS_COCAINE);

    private static EnforcementIndex kanzeiSeized() {
        EnforcementIndex index = new EnforcementIndex(80);
        index.putSubject(KANZEI, "Kanzei Trading LLC", "JP1234567890123");
        index.linkSeizure(KANZEI, COCAINE);
        return index;
    }

    private static RiskEngine engine(EnforcementIndex index) {
        RiskEngine e = new RiskEngine(RuleSet.empty(), WatchList.empty(), FraudModel.constant(0), RiskContext.empty(),
                RiskConfig.defaults().withRandomShare(0), new Random(1));
        e.addEvidenceSource(index);
        return e;
    }

    @Test
    void aPartyLinkedToASeizureIsTargetedWithAReasonInWords() {
        RiskDecision d = engine(kanzeiSeized()).assess(TestDeclarations.declaration().noParties()
                .party(PartyRole.IMPORTER, null, "KANZEI TRADING L.L.C.").build());
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Reason.Source.ENFORCEMENT);
            assertThat(r.text()).isEqualTo("importer matches KANZEI TRADING LLC, linked to seizure S-2026-0042: "
                    + "12 kg cocaine in machine parts, 2026-03");
            assertThat(r.weight()).isEqualTo(80);
        });
        assertThat(d.score()).isEqualTo(80);
        assertThat(d.channel()).isEqualTo(Channel.RED);
    }

    @Test
    void matchesByTraderIdAndByFuzzyNameOncePerSubject() {
        EnforcementIndex index = kanzeiSeized();
        RiskDecision byId = engine(index).assess(TestDeclarations.declaration().noParties()
                .party(PartyRole.IMPORTER, "JP1234567890123", "Someone Else")
                .party(PartyRole.DECLARANT, "JP1234567890123", "Kanzei Trading").build());
        assertThat(byId.reasons()).singleElement().satisfies(r -> assertThat(r.text()).contains("trader id JP1234567890123"));
        RiskDecision fuzzy = engine(index).assess(TestDeclarations.declaration().noParties()
                .party(PartyRole.EXPORTER, null, "Kanzei Tradinc").build());
        assertThat(fuzzy.reasons()).singleElement().satisfies(r -> assertThat(r.text()).startsWith("exporter matches KANZEI TRADING LLC (similar name, 0.9"));
        RiskDecision otherTrader = engine(index).assess(TestDeclarations.declaration().noParties()
                .party(PartyRole.IMPORTER, "JP999", "Kanzei Trading LLC").build());
        assertThat(otherTrader.reasons()).as("same name, another registered trader").isEmpty();
        RiskDecision clean = engine(index).assess(TestDeclarations.declaration().build());
        assertThat(clean.reasons()).isEmpty();
        assertThat(clean.channel()).isEqualTo(Channel.GREEN);
    }

    @Test
    void aSubjectWithoutSeizureOrRenamedIsNoLongerMatchedUnderItsOldName() {
        EnforcementIndex index = new EnforcementIndex(50);
        index.putSubject(KANZEI, "Kanzei Trading LLC", null);
        assertThat(index.evidence(TestDeclarations.declaration().noParties().party(PartyRole.IMPORTER, null, "Kanzei Trading").build())).isEmpty();
        index.linkSeizure(KANZEI, COCAINE);
        index.linkSeizure(KANZEI, COCAINE); // the same seizure twice counts once
        assertThat(index.seizuresOf(KANZEI)).hasSize(1);
        assertThat(index.evidence(TestDeclarations.declaration().noParties().party(PartyRole.IMPORTER, null, "Kanzei Trading").build())).hasSize(1);
        index.putSubject(KANZEI, "Nihon Bright Export KK", null);
        assertThat(index.evidence(TestDeclarations.declaration().noParties().party(PartyRole.IMPORTER, null, "Kanzei Trading").build())).isEmpty();
        assertThat(index.evidence(TestDeclarations.declaration().noParties().party(PartyRole.IMPORTER, null, "NIHON BRIGHT EXPORT").build()))
                .singleElement().satisfies(e -> assertThat(e.weight()).isEqualTo(50));
        index.setWeight(20);
        assertThat(index.evidence(TestDeclarations.declaration().noParties().party(PartyRole.IMPORTER, null, "NIHON BRIGHT EXPORT").build()))
                .singleElement().satisfies(e -> assertThat(e.weight()).isEqualTo(20));
        assertThatThrownBy(() -> index.setWeight(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingSourceIsReportedAndDoesNotBreakScoring() {
        RiskEngine e = new RiskEngine(RuleSet.empty(), WatchList.empty(), FraudModel.constant(0), RiskContext.empty(),
                RiskConfig.defaults().withRandomShare(0), new Random(1));
        e.addEvidenceSource(d -> { throw new IllegalStateException("down"); });
        RiskDecision d = e.assess(TestDeclarations.declaration().build());
        assertThat(d.score()).isZero();
        assertThat(d.reasons()).singleElement().satisfies(r -> assertThat(r.text()).contains("could not be consulted"));
    }

    @Test
    void goodsDescriptionsFallInCenCategories() {
        assertThat(CommodityCategory.infer("Cocaine hydrochloride")).isEqualTo(CommodityCategory.DRUGS_COCAINE);
        assertThat(CommodityCategory.infer("counterfeit watches")).isEqualTo(CommodityCategory.IPR);
        assertThat(CommodityCategory.infer("machine parts")).isEqualTo(CommodityCategory.OTHER);
        assertThat(EntityRef.parse("company:C-000001")).isEqualTo(KANZEI);
        assertThatThrownBy(() -> EntityRef.parse("PLANET:X")).hasMessageContaining("one of");
        assertThat(List.of(DetectionMethod.parse("x-ray"))).containsExactly(DetectionMethod.XRAY);
    }

    @Test
    void manySubjectsSharingWordsAndRenamesKeepTheIndexExact() {
        // a word shared by more subjects than a small posting holds, and renames that take subjects out of postings again
        EnforcementIndex index = new EnforcementIndex(80);
        for (int i = 1; i <= 40; i++) {
            EntityRef c = new EntityRef(EntityType.COMPANY, String.format("C-%06d", i));
            index.putSubject(c, "Orient Star Shipping " + i, "JP" + i);
            index.linkSeizure(c, COCAINE);
        }
        EntityRef seven = new EntityRef(EntityType.COMPANY, "C-000007");
        assertThat(refs(index, "ORIENT STAR SHIPPING 7")).containsExactly(seven);
        index.putSubject(seven, "Blue River Logistics 7", "JP7");
        // no longer exact (similar names of the others still match fuzzily), and found by its new name
        assertThat(refs(index, "ORIENT STAR SHIPPING 7")).doesNotContain(seven).isNotEmpty();
        assertThat(refs(index, "BLUE RIVER LOGISTICS 7")).containsExactly(seven);
        assertThat(refs(index, "ORIENT STAR SHIPPING 8")).containsExactly(new EntityRef(EntityType.COMPANY, "C-000008"));
        for (int i = 1; i <= 40; i++) index.putSubject(new EntityRef(EntityType.COMPANY, String.format("C-%06d", i)), "Renamed " + i, "JP" + i);
        assertThat(refs(index, "ORIENT STAR SHIPPING 9")).isEmpty();
        assertThat(refs(index, "RENAMED 9")).containsExactly(new EntityRef(EntityType.COMPANY, "C-000009"));
        assertThat(index.subjectCount()).isEqualTo(40);
    }

    private static List<EntityRef> refs(EnforcementIndex index, String name) {
        return index.match(new org.smartcustoms.declaration.Party(PartyRole.IMPORTER, null, name, null, null)).stream()
                .map(h -> h.subject().ref()).toList();
    }
}
