package org.smartcustoms.risk.bench;

import java.util.List;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.risk.model.FraudModel;

/**
 * Stand-in {@link FraudModel} for benchmarks when no trained model is given: a fixed logistic function of
 * value, mass and quantity with two contributions. It exercises the engine's model path, not a real model's
 * cost; pass the trained model to {@link RiskBenchmark#run(int, int, long, FraudModel)} to measure that.
 */
final class SyntheticFraudModel implements FraudModel {
    @Override
    public String version() {
        return "synthetic-logistic-1";
    }

    @Override
    public Prediction predict(Declaration declaration, GoodsItem item) {
        double value = item.statisticalValue() == null ? 0 : item.statisticalValue().amount().doubleValue();
        double mass = item.netMassKg() == null ? 0 : item.netMassKg().doubleValue();
        double perKg = mass > 0 ? value / mass : 0;
        double a = perKg < 1 ? 1.5 : -0.5;
        double b = Math.log1p(value) / 6 - 1.5;
        double p = 1 / (1 + Math.exp(-(a + b - 2.5)));
        return new Prediction(p, value * p * 0.08, List.of(
                new Contribution("price_per_kg", a, perKg < 1 ? "Price per kg is unusually low" : "Price per kg is normal"),
                new Contribution("value", b, "Declared value is " + (b > 0 ? "high" : "low"))));
    }
}
