package org.smartcustoms.server;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.demo.DemoWorldGenerator;
import org.smartcustoms.demo.GeneratedDeclaration;
import org.smartcustoms.risk.model.FraudModelTrainer;
import org.smartcustoms.risk.model.TrainedFraudModel;
import org.smartcustoms.risk.model.TrainingParams;

/** Models for server tests: trained for real on a small generated world (400 declarations, 5 rounds) in a second or so. */
public final class TestModels {
    private TestModels() { }

    /** A small model trained on declarations generated up to {@code today}. */
    public static TrainedFraudModel small(LocalDate today) {
        List<BulkRow> rows = new ArrayList<>();
        long n = 0;
        for (GeneratedDeclaration g : new DemoWorldGenerator(today.minusDays(400), 120, null).generate(400, 5)) {
            rows.add(BulkRow.ok(++n, g.declaration(), g.label()));
        }
        return FraudModelTrainer.train(rows, TrainingParams.defaults().withRounds(5), Clock.systemUTC());
    }
}
