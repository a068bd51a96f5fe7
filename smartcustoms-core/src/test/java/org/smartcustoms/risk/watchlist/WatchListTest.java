package org.smartcustoms.risk.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.Threat;
import org.smartcustoms.risk.TestDeclarations;

class WatchListTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    private static PartyEntry entry(String id, String partyId, String name, String... aliases) {
        return new PartyEntry(id, partyId, name, List.of(aliases), "sanctioned", "UN", null, null);
    }

    private static List<WatchListHit> screen(WatchList wl, String name) {
        return wl.screen(new Party(PartyRole.SELLER, null, name, "CN"), DAY);
    }

    @Test
    void exactIdMatchesAndSaysSo() {
        WatchList wl = new WatchList(List.of(entry("W1", "KR123", "Whoever")), List.of());
        List<WatchListHit> hits = wl.screen(new Party(PartyRole.IMPORTER, "KR123", "Other Name", "KR"), DAY);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.method()).isEqualTo(MatchMethod.EXACT_ID);
            assertThat(h.entryId()).isEqualTo("W1");
            assertThat(h.explain()).contains("W1").contains("importer id KR123 is listed").contains("sanctioned");
        });
        assertThat(wl.screen(new Party(PartyRole.IMPORTER, "KR124", null, "KR"), DAY)).isEmpty();
    }

    @Test
    void caseAndPunctuationAreIgnored() {
        WatchList wl = new WatchList(List.of(entry("W1", null, "Global-Trade Partners")), List.of());
        assertThat(screen(wl, "GLOBAL TRADE PARTNERS")).singleElement()
                .satisfies(h -> assertThat(h.method()).isEqualTo(MatchMethod.NAME_NORMALIZED));
        assertThat(screen(wl, "global trade, partners.")).hasSize(1);
    }

    @Test
    void legalFormWordsAreIgnored() {
        WatchList wl = new WatchList(List.of(entry("W2", null, "ACME TRADING CO., LTD.")), List.of());
        List<WatchListHit> hits = screen(wl, "Acme Trading Company Limited");
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.method()).isEqualTo(MatchMethod.NAME_NORMALIZED);
            assertThat(h.matchedField()).isEqualTo("name");
            assertThat(h.explain()).contains("Acme Trading Company Limited").contains("ACME TRADING CO., LTD.")
                    .contains("normalising");
        });
    }

    @Test
    void cyrillicNameMatchesLatinTransliteration() {
        WatchList wl = new WatchList(List.of(entry("W3", null, "Romashka LLC")), List.of());
        assertThat(screen(wl, "ООО «Ромашка»")).singleElement()
                .satisfies(h -> assertThat(h.method()).isEqualTo(MatchMethod.NAME_NORMALIZED));
    }

    @Test
    void transliterationSpellingVariantsAndDiacriticsMatch() {
        WatchList wl = new WatchList(List.of(entry("W4", null, "Mikhail Yakovlev Trading", "Société Générale Import")),
                List.of());
        assertThat(screen(wl, "Mihail Iakovlev Trading")).singleElement()
                .satisfies(h -> assertThat(h.method()).isEqualTo(MatchMethod.NAME_NORMALIZED));
        assertThat(screen(wl, "SOCIETE GENERALE IMPORT SA")).singleElement()
                .satisfies(h -> assertThat(h.matchedField()).isEqualTo("alias"));
    }

    @Test
    void typoIsAFuzzyHitWithSimilarity() {
        WatchList wl = new WatchList(List.of(entry("W5", null, "Blackstone Maritime Holdings")), List.of());
        List<WatchListHit> hits = screen(wl, "Blackstone Maritme Holdings");
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.method()).isEqualTo(MatchMethod.NAME_FUZZY);
            assertThat(h.similarity()).isBetween(0.92, 0.999);
            assertThat(h.explain()).contains("similar").contains("similarity 0.9");
        });
    }

    @Test
    void differentNamesDoNotMatch() {
        WatchList wl = new WatchList(List.of(entry("W6", null, "Acme Trading Co Ltd")), List.of());
        assertThat(screen(wl, "Apex Logistics Ltd")).isEmpty();
        assertThat(screen(wl, "Acme Shipping Ltd")).isEmpty();
        assertThat(screen(wl, "LTD")).isEmpty();
    }

    @Test
    void expiredEntryDoesNotMatch() {
        PartyEntry e = new PartyEntry("W7", "X1", null, List.of(), "", "", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31));
        WatchList wl = new WatchList(List.of(e), List.of());
        assertThat(wl.screen(new Party(PartyRole.IMPORTER, "X1", null, null), DAY)).isEmpty();
        assertThat(wl.screen(new Party(PartyRole.IMPORTER, "X1", null, null), LocalDate.of(2025, 6, 1))).hasSize(1);
    }

    @Test
    void commodityTargetAppliesToPrefixOriginAndPeriod() {
        CommodityTarget t = new CommodityTarget("C1", "8517", "CN", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 30),
                Threat.ORIGIN, "origin campaign");
        WatchList wl = new WatchList(List.of(), List.of(t));
        var inPeriod = TestDeclarations.declaration().date(LocalDate.of(2026, 6, 15))
                .item("8471300000", "CN", "10", "1", "1").item("8517120000", "CN", "10", "1", "1").build();
        assertThat(wl.screen(inPeriod)).singleElement().satisfies(h -> {
            assertThat(h.method()).isEqualTo(MatchMethod.COMMODITY_TARGET);
            assertThat(h.itemSequence()).isEqualTo(2);
            assertThat(h.threat()).isEqualTo(Threat.ORIGIN);
            assertThat(h.explain()).contains("C1").contains("item 2").contains("HS 8517*");
        });
        var afterPeriod = TestDeclarations.declaration().date(LocalDate.of(2026, 7, 1))
                .item("8517120000", "CN", "10", "1", "1").build();
        assertThat(wl.screen(afterPeriod)).isEmpty();
        var otherOrigin = TestDeclarations.declaration().date(LocalDate.of(2026, 6, 15))
                .item("8517120000", "VN", "10", "1", "1").build();
        assertThat(wl.screen(otherOrigin)).isEmpty();
    }

    @Test
    void csvImportReadsPartiesAndTargets() {
        String parties = """
                entry_id,party_id,name,aliases,reason,source,valid_from,valid_to
                P1,KR999,Acme Trading Co Ltd,ACME HK|Acme Intl,fraud ring,KCS intelligence,2026-01-01,
                P2,,Ромашка ООО,,sanctions,EU,,
                """;
        List<PartyEntry> entries = WatchListCsv.readParties(new StringReader(parties));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).aliases()).containsExactly("ACME HK", "Acme Intl");
        assertThat(entries.get(0).validFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        String targets = """
                entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason
                T1,0303,,2026-01-01,2026-12-31,PROHIBITED,protected fish
                """;
        List<CommodityTarget> ts = WatchListCsv.readCommodities(new StringReader(targets));
        assertThat(ts).singleElement().satisfies(t -> {
            assertThat(t.hsPrefix()).isEqualTo("0303");
            assertThat(t.origin()).isNull();
            assertThat(t.threat()).isEqualTo(Threat.PROHIBITED);
        });
    }

    @Test
    void csvImportReportsEveryBadLineWithItsNumber() {
        String targets = """
                entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason
                T1,0303,,2026-01-01,2026-12-31,PROHIBITED,ok
                T2,03X3,,,,,bad hs
                T3,0304,,2026-13-01,,,bad date
                T4,0305,,,,DRUGS,bad threat
                """;
        assertThatThrownBy(() -> WatchListCsv.readCommodities(new StringReader(targets)))
                .isInstanceOfSatisfying(WatchListImportException.class, e -> assertThat(e.errors()).satisfiesExactly(
                        m -> assertThat(m).startsWith("line 3:").contains("hs prefix"),
                        m -> assertThat(m).startsWith("line 4:").contains("valid_from"),
                        m -> assertThat(m).startsWith("line 5:").contains("unknown threat DRUGS")));
    }
}
