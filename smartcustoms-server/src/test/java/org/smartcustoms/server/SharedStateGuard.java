package org.smartcustoms.server;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.smartcustoms.risk.rules.Rule;
import org.smartcustoms.server.risk.RiskService;
import org.smartcustoms.server.tariff.TariffFileKind;
import org.smartcustoms.server.tariff.TariffService;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Keeps what is global in the shared API-test context ({@link ApiTest}) as a test class found it: after the class,
 * the watch lists are put back, rules it created and left enabled are disabled, and the clock runs on system time
 * again. A change that cannot be undone (an imported tariff file, a promoted model) fails the class with the advice to
 * give it its own context ({@link OwnContext}), since it would change the results of every other class.
 */
final class SharedStateGuard implements BeforeAllCallback, AfterAllCallback {
    private record Snapshot(Map<RiskService.WatchListKind, String> watchLists, Set<String> enabledRules,
                            Map<TariffFileKind, String> tariff, Optional<String> promotedModel) { }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        context.getStore(ExtensionContext.Namespace.create(SharedStateGuard.class)).put("snapshot", snapshot(spring(context)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Snapshot before = context.getStore(ExtensionContext.Namespace.create(SharedStateGuard.class)).get("snapshot", Snapshot.class);
        if (before == null) return;
        ApplicationContext spring = spring(context);
        spring.getBean(TestClock.class).reset();
        RiskService risk = spring.getBean(RiskService.class);
        String actor = "test-cleanup";
        before.watchLists().forEach((kind, csv) -> {
            if (!risk.watchListCsv(kind).equals(csv)) risk.importWatchList(kind, csv, actor, "restored after " + context.getDisplayName());
        });
        for (Rule r : risk.currentRules()) {
            if (r.enabled() && !before.enabledRules().contains(r.id())) risk.disableRule(r.id(), actor, "test class " + context.getDisplayName() + " ended");
        }
        if (context.getRequiredTestClass().isAnnotationPresent(OwnContext.class)) return;
        Snapshot after = snapshot(spring);
        if (!after.tariff().equals(before.tariff()) || !after.promotedModel().equals(before.promotedModel())) {
            throw new AssertionError(context.getDisplayName() + " changed the tariff (" + before.tariff() + " -> " + after.tariff()
                    + ") or the promoted model (" + before.promotedModel() + " -> " + after.promotedModel() + ") in the shared test "
                    + "context, which every other API test class uses: undo it, or give the class @OwnContext with the reason");
        }
    }

    private static ApplicationContext spring(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context);
    }

    private static Snapshot snapshot(ApplicationContext spring) throws IOException {
        RiskService risk = spring.getBean(RiskService.class);
        Map<RiskService.WatchListKind, String> lists = new EnumMap<>(RiskService.WatchListKind.class);
        for (RiskService.WatchListKind k : RiskService.WatchListKind.values()) lists.put(k, risk.watchListCsv(k));
        Set<String> enabled = risk.currentRules().stream().filter(Rule::enabled).map(Rule::id).collect(Collectors.toSet());
        return new Snapshot(lists, enabled, Map.copyOf(spring.getBean(TariffService.class).sources()), risk.promotedModel());
    }
}
