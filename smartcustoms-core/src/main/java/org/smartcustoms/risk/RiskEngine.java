package org.smartcustoms.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.features.ClassificationCheck;
import org.smartcustoms.risk.features.DeclarationParties;
import org.smartcustoms.risk.features.ItemFeaturesExtractor;
import org.smartcustoms.risk.features.ItemFeatures;
import org.smartcustoms.risk.features.RiskContext;
import org.smartcustoms.risk.model.FraudModel;
import org.smartcustoms.risk.rules.RuleEvaluation;
import org.smartcustoms.risk.rules.RuleHit;
import org.smartcustoms.risk.rules.RuleSet;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.risk.watchlist.WatchListHit;

/**
 * Real-time risk assessment of one declaration: watch lists (deductive), indexed CEL rules (inductive) and
 * the fraud model (predictive), combined into a score, a scorecard and a channel with reasons in words.
 *
 * <p>Score: the model's probability p (max over items) and the rule hits are combined as independent
 * pieces of evidence with a noisy-OR, {@code 100 * (1 - (1 - p) * prod(1 - weight/100))}, so every extra hit
 * raises the score but it never exceeds 100 and one weight-100 rule alone means 100. Watch-list hits then
 * impose a floor; the AEO reduction is subtracted but never below that floor. A model with a critical head
 * (KCS "Critical Fraud") also rates PROHIBITED in the scorecard; that does not add to the score, since a
 * critical irregularity is an irregularity already counted in p.
 *
 * <p>Thread-safe. Rules, watch list and model can be swapped at run time (each assessment reads one
 * consistent snapshot of each). A model or rule that throws does not break scoring: failures are counted
 * and reported.
 */
public final class RiskEngine {
    /**
     * The model's reasons (feature contributions, the costly part of a prediction) are worked out for the
     * riskiest item of declarations sent to YELLOW or RED, where an officer reads them, and of any declaration
     * whose model probability reaches this value (e.g. a GREEN one only because of the AEO reduction).
     */
    public static final double EXPLAIN_FROM = 0.5;
    /**
     * A {@link ClassificationCheck} opinion becomes a reason for the officer when it points to another heading
     * (distance {@link ClassificationCheck.Distance#HEADING} or more) with at least this confidence. The reason weighs
     * 0 points: the signal counts towards the score only through rules on {@code classification_distance}.
     */
    public static final double MISCLASSIFICATION_CONFIDENCE = 0.35;

    private volatile RuleSet rules;
    private volatile WatchList watchList;
    private volatile FraudModel model;
    private volatile List<EvidenceSource> evidenceSources = List.of();
    private volatile ClassificationCheck classificationCheck = ClassificationCheck.NONE;
    private final ItemFeaturesExtractor features;
    private final RiskConfig config;
    private final RandomGenerator random;
    private final ScoreWindow window;
    private final LongAdder modelErrors = new LongAdder();
    private volatile String lastModelError;

    /**
     * @param random source of random selection; inject a seeded generator for reproducible runs. Access is
     *               synchronised on it, so any {@link RandomGenerator} will do.
     */
    public RiskEngine(RuleSet rules, WatchList watchList, FraudModel model, RiskContext context, RiskConfig config,
                      RandomGenerator random) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.watchList = Objects.requireNonNull(watchList, "watchList");
        this.model = Objects.requireNonNull(model, "model");
        this.features = new ItemFeaturesExtractor(context);
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.window = new ScoreWindow(config.windowSize());
    }

    public RuleSet rules() { return rules; }
    public WatchList watchList() { return watchList; }
    public FraudModel model() { return model; }
    public RiskConfig config() { return config; }

    public void replaceRules(RuleSet newRules) { this.rules = Objects.requireNonNull(newRules); }
    public void replaceWatchList(WatchList newList) { this.watchList = Objects.requireNonNull(newList); }
    public void replaceModel(FraudModel newModel) { this.model = Objects.requireNonNull(newModel); }

    /** Adds a source of further evidence consulted for every declaration (e.g. the enforcement database). */
    public synchronized void addEvidenceSource(EvidenceSource source) {
        List<EvidenceSource> next = new ArrayList<>(evidenceSources);
        next.add(Objects.requireNonNull(source, "source"));
        evidenceSources = List.copyOf(next);
    }

    /** Sets what the engine asks for a description's suggested HS code ({@link ClassificationCheck#NONE}: nothing). */
    public void useClassificationCheck(ClassificationCheck check) {
        this.classificationCheck = Objects.requireNonNull(check, "check");
    }

    /** Model failures since start, and the last failure message (null if none). */
    public long modelErrors() { return modelErrors.sum(); }
    public String lastModelError() { return lastModelError; }

    /** Assesses a new declaration (draws the random selection). */
    public RiskDecision assess(Declaration d) {
        return assess(d, null);
    }

    /**
     * Re-assesses an amended declaration. The random selection of the {@code previous} decision is kept
     * rather than drawn again, so amending cannot shake off (or newly attract) a random check.
     */
    public RiskDecision assess(Declaration d, RiskDecision previous) {
        return decide(gather(d, previous));
    }

    /**
     * What {@link #decide} needs of a declaration that depends on nothing another assessment changes: watch-list
     * hits, item features, rule hits, further evidence and classification opinions, with the rules, watch list and
     * model in force when it was gathered. Immutable once built; {@link #assess} is {@code decide(gather(d, previous))}.
     */
    public static final class Evidence {
        private final Declaration declaration;
        private final RiskDecision previous;
        private final FraudModel model;
        private final List<Reason> reasons;
        private final EnumMap<Threat, Double> threatScore;
        private final int floor;
        private final boolean partyHit;
        private final boolean commodityHit;
        private final double ruleMiss;
        private final List<String> ruleVersions;

        private Evidence(Declaration declaration, RiskDecision previous, FraudModel model, List<Reason> reasons,
                         EnumMap<Threat, Double> threatScore, int floor, boolean partyHit, boolean commodityHit,
                         double ruleMiss, List<String> ruleVersions) {
            this.declaration = declaration;
            this.previous = previous;
            this.model = model;
            this.reasons = reasons;
            this.threatScore = threatScore;
            this.floor = floor;
            this.partyHit = partyHit;
            this.commodityHit = commodityHit;
            this.ruleMiss = ruleMiss;
            this.ruleVersions = ruleVersions;
        }

        public Declaration declaration() { return declaration; }
    }

    /**
     * The first half of an assessment, which any number of threads may run at once for different declarations in
     * any order: it reads only what scoring does not change (watch lists, rules, trader profiles, price norms).
     */
    public Evidence gather(Declaration d, RiskDecision previous) {
        Objects.requireNonNull(d, "declaration");
        RuleSet ruleSet = this.rules;
        FraudModel fraudModel = this.model;
        List<Reason> reasons = new ArrayList<>();
        EnumMap<Threat, Double> threatScore = new EnumMap<>(Threat.class);

        // deductive
        int floor = 0;
        boolean partyHit = false;
        boolean commodityHit = false;
        for (WatchListHit h : watchList.screen(d)) {
            int f = h.isPartyHit() ? config.partyHitFloor() : config.commodityHitFloor();
            partyHit |= h.isPartyHit();
            commodityHit |= !h.isPartyHit();
            floor = Math.max(floor, f);
            threatScore.merge(h.threat(), (double) f, Math::max);
            reasons.add(new Reason(Reason.Source.WATCHLIST, h.explain(), f));
        }

        // inductive
        ClassificationCheck check = this.classificationCheck;
        List<ItemFeatures> items = features.extract(d, check);
        List<String> partyIds = new ArrayList<>(d.parties().size());
        for (Party p : d.parties()) if (p.id() != null) partyIds.add(p.id());
        RuleEvaluation evaluation = ruleSet.evaluate(items, partyIds, d.declarationDate());
        double ruleMiss = 1;
        List<String> ruleVersions = new ArrayList<>(evaluation.hits().size());
        EnumMap<Threat, Double> threatMiss = new EnumMap<>(Threat.class);
        for (RuleHit h : evaluation.hits()) {
            double w = h.rule().weight() / 100.0;
            ruleMiss *= 1 - w;
            threatMiss.merge(h.rule().threat(), 1 - w, (a, b) -> a * b);
            ruleVersions.add(h.rule().ref());
            reasons.add(new Reason(Reason.Source.RULE, h.explain(), h.rule().weight()));
        }
        // further evidence (enforcement database...): weighed like rule hits
        for (EvidenceSource source : evidenceSources) {
            List<EvidenceSource.Evidence> found;
            try {
                found = source.evidence(d);
            } catch (RuntimeException e) {
                reasons.add(new Reason(source.reasonSource(), source.reasonSource() + " evidence could not be consulted and was skipped", 0));
                continue;
            }
            for (EvidenceSource.Evidence ev : found) {
                double w = ev.weight() / 100.0;
                ruleMiss *= 1 - w;
                threatMiss.merge(ev.threat(), 1 - w, (a, b) -> a * b);
                reasons.add(new Reason(source.reasonSource(), ev.text(), ev.weight()));
            }
        }
        threatMiss.forEach((t, miss) -> threatScore.merge(t, 100 * (1 - miss), Math::max));
        misclassificationReasons(d, items, check, reasons);
        if (evaluation.errors() > 0) {
            reasons.add(new Reason(Reason.Source.RULE, evaluation.errors()
                    + " rule evaluation(s) failed and were skipped; analysts see why under Rule errors on the Rules page", 0));
        }
        return new Evidence(d, previous, fraudModel, reasons, threatScore, floor, partyHit, commodityHit, ruleMiss, ruleVersions);
    }

    /**
     * The second half: the model (whose history answers as of the declaration's date, so what it says depends on
     * the declarations scored before), the random selection (one draw from the shared generator per new
     * declaration) and the score window. Assessments whose results must not depend on thread timing run this
     * half one at a time in their own order; {@code evidence} is not changed.
     */
    public RiskDecision decide(Evidence evidence) {
        Declaration d = evidence.declaration;
        RiskDecision previous = evidence.previous;
        FraudModel fraudModel = evidence.model;
        List<Reason> reasons = new ArrayList<>(evidence.reasons.size() + 6);
        reasons.addAll(evidence.reasons);
        EnumMap<Threat, Double> threatScore = new EnumMap<>(evidence.threatScore);
        int floor = evidence.floor;
        boolean partyHit = evidence.partyHit;
        boolean commodityHit = evidence.commodityHit;
        double ruleMiss = evidence.ruleMiss;
        List<String> ruleVersions = evidence.ruleVersions;

        // predictive: score every item (cheap), explain only the riskiest one, further down, if anyone will read it
        double p = 0;
        FraudModel.Prediction best = null;
        GoodsItem bestItem = null;
        double critical = 0;
        GoodsItem criticalItem = null;
        for (GoodsItem item : d.items()) {
            try {
                FraudModel.Prediction pr = fraudModel.score(d, item);
                if (pr.criticalProbability() > critical) {
                    critical = pr.criticalProbability();
                    criticalItem = item;
                }
                if (best == null || pr.fraudProbability() > p) {
                    best = pr;
                    bestItem = item;
                    p = pr.fraudProbability();
                }
            } catch (RuntimeException e) {
                modelErrors.increment();
                lastModelError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        int modelReasonsAt = -1;
        if (best != null && p > 0) {
            reasons.add(new Reason(Reason.Source.MODEL, "Model " + fraudModel.version() + ": fraud probability "
                    + twoDecimals(p) + " on item " + bestItem.sequence(), 100 * p));
            modelReasonsAt = reasons.size();
        }
        if (criticalItem != null && 100 * critical >= config.yellowThreshold()) {
            reasons.add(new Reason(Reason.Source.MODEL, "Model " + fraudModel.version() + ": probability "
                    + twoDecimals(critical) + " of prohibited goods or another critical irregularity on item "
                    + criticalItem.sequence(), 100 * critical));
        }
        // The model's critical head (KCS "Critical Fraud") rates the non-fiscal threat of prohibited goods.
        threatScore.merge(Threat.PROHIBITED, 100 * critical, Math::max);
        // The model predicts revenue fraud; its probability rates the undervaluation threat.
        threatScore.merge(Threat.UNDERVALUATION, 100 * p, Math::max);

        double combined = 100 * (1 - (1 - p) * ruleMiss);
        int score = (int) Math.round(Math.max(combined, floor));

        // AEO
        if (config.aeoReduction() > 0 && isAeo(d)) {
            int reduced = Math.max(floor, Math.max(0, score - config.aeoReduction()));
            if (reduced < score) {
                reasons.add(new Reason(Reason.Source.AEO, "Authorised Economic Operator: score reduced by "
                        + (score - reduced) + " points", -(score - reduced)));
                score = reduced;
            }
        }

        // channel
        Channel channel = channelFor(score);
        if (partyHit && config.watchListForcesRed()) channel = Channel.RED;
        if (commodityHit) channel = channel.atLeast(Channel.YELLOW);
        boolean randomly;
        if (previous != null) {
            randomly = previous.randomlySelected();
        } else if (config.randomShare() > 0) {
            synchronized (random) {
                randomly = random.nextDouble() < config.randomShare();
            }
        } else {
            randomly = false;
        }
        if (randomly) {
            channel = channel.atLeast(Channel.YELLOW);
            reasons.add(new Reason(Reason.Source.RANDOM, String.format(Locale.ROOT,
                    "Random selection (%.1f %% of declarations) to measure undetected risk", 100 * config.randomShare()), 0));
        }
        window.add(score);

        if (modelReasonsAt >= 0 && (channel != Channel.GREEN || p >= EXPLAIN_FROM)) {
            List<FraudModel.Contribution> contributions = best.contributions();
            if (contributions.isEmpty()) {
                try {
                    contributions = fraudModel.explain(d, bestItem);
                } catch (RuntimeException e) {
                    modelErrors.increment();
                    lastModelError = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            List<FraudModel.Contribution> positive = new ArrayList<>(contributions.size());
            for (FraudModel.Contribution c : contributions) if (c.contribution() > 0) positive.add(c);
            positive.sort(Comparator.comparingDouble(FraudModel.Contribution::contribution).reversed());
            List<Reason> modelReasons = new ArrayList<>();
            for (int i = 0; i < positive.size() && i < config.maxModelReasons(); i++) {
                FraudModel.Contribution c = positive.get(i);
                modelReasons.add(new Reason(Reason.Source.MODEL,
                        c.sentence() == null || c.sentence().isBlank() ? c.feature() : c.sentence(),
                        scorePoints(best.fraudProbability(), c.contribution())));
            }
            reasons.addAll(modelReasonsAt, modelReasons);
        }

        Map<Threat, Level> card = new EnumMap<>(Threat.class);
        for (Threat t : Threat.values()) card.put(t, level(threatScore.getOrDefault(t, 0.0)));
        return new RiskDecision(score, card, channel, reasons, randomly, fraudModel.version(), ruleVersions, p);
    }

    /** "Item 2: the description suggests 8517.13 (smartphones), declared 8517.79 (parts)" for items far from their code. */
    private static void misclassificationReasons(Declaration d, List<ItemFeatures> items, ClassificationCheck check,
                                                 List<Reason> reasons) {
        for (ItemFeatures f : items) {
            if (f.classificationDistance() < ClassificationCheck.Distance.HEADING.level()
                    || f.classificationConfidence() < MISCLASSIFICATION_CONFIDENCE) continue;
            GoodsItem item = d.items().stream().filter(i -> i.sequence() == f.itemSequence()).findFirst().orElse(null);
            if (item == null) continue;
            ClassificationCheck.Opinion o;
            try {
                o = check.opinion(item.description(), item.commodityCode()).orElse(null);   // cached by the check
            } catch (RuntimeException e) {
                o = null;
            }
            if (o == null) continue;
            reasons.add(new Reason(Reason.Source.CLASSIFICATION, "Item " + f.itemSequence() + ": the description suggests "
                    + dotted(o.suggestedHs6()) + text(o.suggestedText()) + " (confidence " + twoDecimals(o.confidence())
                    + "), declared " + dotted(f.hs()) + text(o.declaredText()), 0));
        }
    }

    private static String dotted(String hs) {
        String digits = hs.replaceAll("\\D", "");
        return digits.length() >= 6 ? digits.substring(0, 4) + "." + digits.substring(4, 6) : hs;
    }

    private static String text(String t) {
        if (t == null || t.isBlank()) return "";
        String s = t.strip();
        return " " + (s.length() > 60 ? s.substring(0, 57) + "..." : s);
    }

    /**
     * A model contribution (log-odds, as SHAP gives it) in the score's own units: how many points lower the
     * model's share of the score, 100 × p, would be without it — 100 × (p − sigmoid(logit(p) − contribution)).
     * Never more than 100 × p, so the lines under "fraud probability 0.62" add up to points out of 100.
     */
    static double scorePoints(double p, double contribution) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        double without = 1 / (1 + Math.exp(-(Math.log(q / (1 - q)) - contribution)));
        return Math.round(1000 * (q - without)) / 10.0;
    }

    private static String twoDecimals(double v) {
        long c = Math.round(v * 100);
        long frac = c % 100;
        return c / 100 + (frac < 10 ? ".0" : ".") + frac;
    }

    private Channel channelFor(int score) {
        int red = config.redThreshold();
        int yellow = config.yellowThreshold();
        if (config.targetRateMode() && window.size() >= Math.max(1, config.minWindow())) {
            red = window.limitForRate(config.targetRedRate());
            yellow = Math.min(red, window.limitForRate(config.targetRedRate() + config.targetYellowRate()));
        }
        if (score >= red) return Channel.RED;
        if (score >= yellow) return Channel.YELLOW;
        return Channel.GREEN;
    }

    private Level level(double threatScore) {
        if (threatScore >= config.redThreshold()) return Level.HIGH;
        if (threatScore >= config.yellowThreshold() && threatScore > 0) return Level.MEDIUM;
        return Level.LOW;
    }

    private boolean isAeo(Declaration d) {
        String declarant = DeclarationParties.declarantId(d);
        String importer = DeclarationParties.firstId(d, PartyRole.IMPORTER);
        if ((declarant != null && config.aeoTraders().contains(declarant))
                || (importer != null && config.aeoTraders().contains(importer))) {
            return true;
        }
        for (Party a : d.parties()) {
            if (a.role() != PartyRole.AUTHORISATION_HOLDER) continue;
            if (a.category() != null && a.category().toUpperCase(Locale.ROOT).startsWith("AEO")
                    && (a.id() == null || a.id().equals(declarant) || a.id().equals(importer))) {
                return true;
            }
        }
        return false;
    }
}
