package org.smartcustoms.risk.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.TestDeclarations;

class RiskDeclarationPartiesTest {
    @Test
    void sameAnswersAsTheDeclarationsOwnMethods() {
        SplittableRandom r = new SplittableRandom(11);
        PartyRole[] roles = PartyRole.values();
        for (int i = 0; i < 3_000; i++) {
            List<Party> parties = new ArrayList<>();
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                parties.add(new Party(roles[r.nextInt(roles.length)], r.nextInt(3) == 0 ? null : "P" + r.nextInt(4),
                        "name", "KR"));
            }
            Declaration base = TestDeclarations.declaration().noParties().build();
            Declaration d = new Declaration(base.functionCode(), base.lrn(),
                    DeclarationType.parse(r.nextBoolean() ? "IMA" : "EXA"), base.officeId(), base.declarationDate(),
                    parties, base.transport(), null, null, "CIF", null, List.of(), base.items());
            assertThat(DeclarationParties.declarantId(d)).isEqualTo(d.declarantId());
            for (PartyRole role : roles) {
                assertThat(DeclarationParties.first(d, role)).isEqualTo(d.party(role).orElse(null));
                assertThat(DeclarationParties.firstId(d, role)).isEqualTo(d.party(role).map(Party::id).orElse(null));
            }
        }
    }
}
