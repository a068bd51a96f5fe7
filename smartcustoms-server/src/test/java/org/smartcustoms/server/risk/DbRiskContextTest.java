package org.smartcustoms.server.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.risk.features.PartyProfile;

/**
 * The rules' cached trader histories: an inspection result on one declaration has its parties read again, and only
 * them; every other party's history stays cached until it is a minute old.
 */
class DbRiskContextTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    /** Answers every party with one declaration a year ago and counts the reads, per party. */
    private static final class CountingHistory implements RiskHistoryStore {
        final List<String> reads = new ArrayList<>();

        @Override
        public PartyHistory partyHistory(String partyId) {
            reads.add(partyId);
            TreeMap<LocalDate, Long> perDay = new TreeMap<>();
            perDay.put(TODAY.minusYears(1), 1L);
            return new PartyHistory(partyId, perDay, List.of());
        }

        @Override
        public PartyProfile partyProfile(String partyId, LocalDate before) {
            return partyHistory(partyId).asOf(before);
        }

        @Override
        public void submittedSince(Instant since, int limit, Consumer<InspectedDeclaration> sink) { }

        @Override
        public void allDeclarations(Consumer<StoredPayload> sink) { }
    }

    @Test
    void anInspectedDeclarationsPartiesAreReadAgainAndNoOtherParty() {
        List<Declaration> ds = new DemoWorldGenerator(TODAY, 365, null).generate(50, 3).stream()
                .map(GeneratedDeclaration::declaration).toList();
        Declaration inspected = ds.get(0);
        String importer = inspected.party(PartyRole.IMPORTER).orElseThrow().id();
        String other = ds.stream().map(d -> d.party(PartyRole.IMPORTER).orElseThrow().id())
                .filter(id -> !id.equals(importer)).findFirst().orElseThrow();
        CountingHistory history = new CountingHistory();
        DbRiskContext context = new DbRiskContext(history, null, null, Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

        assertThat(context.party(importer, TODAY).declarationCount()).isEqualTo(1);
        context.party(other, TODAY);
        context.party(importer, TODAY);
        context.party(other, TODAY);
        assertThat(history.reads).as("cached").containsExactly(importer, other);

        context.forget(inspected);
        context.party(importer, TODAY);
        context.party(other, TODAY);
        assertThat(history.reads).as("only the inspected declaration's importer is read again").containsExactly(importer, other, importer);

        context.invalidate();
        context.party(other, TODAY);
        assertThat(history.reads).containsExactly(importer, other, importer, other);
    }
}
