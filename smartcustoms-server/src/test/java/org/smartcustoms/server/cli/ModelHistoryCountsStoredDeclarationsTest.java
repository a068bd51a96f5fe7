package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.risk.model.HistoryStore;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.server.TestModels;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.risk.RiskHistoryStore;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The live model's trader history counts what the database holds: a declaration once, when it is first scored (an
 * amendment re-scores it but is the same declaration, one row), and never a declaration that was scored but could
 * not be stored. So the model's "n past declarations" and the rules' {@code importer} counts agree, and a restart
 * (which rebuilds the history from the database) changes nothing.
 */
class ModelHistoryCountsStoredDeclarationsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @TempDir
    Path dir;

    @Test
    void amendedAndUnstoredDeclarationsAreNotCountedTwice() throws Exception {
        ServerOptions options = new ServerOptions();
        options.dataDir = dir.toString();
        try (ConfigurableApplicationContext ctx = options.offline("--smartcustoms.risk.random-share=0")) {
            RiskService risk = ctx.getBean(RiskService.class);
            risk.promote(risk.registry().register(TestModels.small(TODAY)));
            DeclarationIntake intake = ctx.getBean(DeclarationIntake.class);
            RiskHistoryStore rules = ctx.getBean(RiskHistoryStore.class);
            Actor actor = Actor.system("history-test");

            List<Declaration> generated = new DemoWorldGenerator(TODAY, 365, null).generate(40, 5).stream()
                    .map(GeneratedDeclaration::declaration).toList();
            Declaration first = generated.get(0);
            String importer = first.party(PartyRole.IMPORTER).orElseThrow().id();
            LocalDate after = first.declarationDate().plusDays(1);
            int before = seen(risk, importer, after); // the training data's history of this importer

            String id = intake.submit(first, actor).declaration().id();
            assertThat(seen(risk, importer, after)).as("an original counts once").isEqualTo(before + 1);

            // amended twice: re-scored each time, still one declaration
            for (int k = 0; k < 2; k++) {
                intake.submit(new Declaration(FunctionCode.AMENDMENT, first.lrn(), first.type(), first.officeId(),
                        first.declarationDate(), first.parties(), first.transport(), first.goodsLocation(), first.invoiceAmount(),
                        first.deliveryTerms(), id, first.additionalDocuments(), first.items()), actor);
            }
            assertThat(intake.store().find(id).orElseThrow().version()).isEqualTo(3);
            assertThat(seen(risk, importer, after)).as("amendments are the same declaration").isEqualTo(before + 1);

            // another original of the same importer and day whose write fails (its id is already taken): scored, not stored
            Declaration other = generated.stream().skip(1)
                    .filter(d -> !d.lrn().equals(first.lrn()))
                    .findFirst().orElseThrow();
            Declaration sameImporter = new Declaration(FunctionCode.ORIGINAL, other.lrn() + "X", first.type(), first.officeId(),
                    first.declarationDate(), first.parties(), first.transport(), first.goodsLocation(), first.invoiceAmount(),
                    first.deliveryTerms(), null, first.additionalDocuments(), first.items());
            assertThatThrownBy(() -> intake.submit(sameImporter, actor, id))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
            assertThat(intake.store().findIdByLrn(sameImporter.declarantId(), sameImporter.lrn())).isEmpty();
            assertThat(seen(risk, importer, after)).as("a declaration that was not stored is not counted").isEqualTo(before + 1);

            // the rules read the database: one declaration of this importer stored here
            assertThat(rules.partyProfile(importer, after).declarationCount()).isEqualTo(1);
        }
    }

    private static int seen(RiskService risk, String importer, LocalDate asOf) {
        HistoryStore h = ((TrainedFraudModel) risk.engine().model()).history();
        return h.asOf(asOf).profile("importer", importer).seen();
    }
}
