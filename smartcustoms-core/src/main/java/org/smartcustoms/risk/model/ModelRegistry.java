package org.smartcustoms.risk.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Versioned model store on a directory, so a new model can be trained, inspected and then switched on (or
 * back off) without redeploying. Layout: {@code <root>/<version>/} model directories, {@code <root>/promoted}
 * holding the promoted version, {@code <root>/promoted.log} the promotion history (one version per line) that
 * {@link #rollback()} walks back. Versions are {@code <prefix>-<yyyyMMdd>-<n>}. Not for concurrent writers.
 */
public final class ModelRegistry {

    private static final String PROMOTED = "promoted";
    private static final String LOG = "promoted.log";

    private final Path root;
    private final String prefix;
    private final Clock clock;


    public ModelRegistry(Path root, String prefix, Clock clock) {
        this.root = root;
        this.prefix = prefix;
        this.clock = clock;
    }

    /** Registered versions, oldest first. */
    public List<String> versions() throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(TrainedFraudModel.DOSSIER_FILE)))
                    .map(p -> p.getFileName().toString()).sorted(ModelRegistry::compareVersions).toList();
        }
    }

    /** Saves the model under a new version and returns it (the model is not promoted). */
    public String register(TrainedFraudModel model) throws IOException {
        Files.createDirectories(root);
        String day = LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE);
        String base = prefix + "-" + day + "-";
        int n = 1;
        for (String v : versions()) {
            if (v.startsWith(base)) {
                try {
                    n = Math.max(n, Integer.parseInt(v.substring(base.length())) + 1);
                } catch (NumberFormatException ignored) {
                    // foreign name, skip
                }
            }
        }
        String version = base + n;
        Path tmp = Files.createTempDirectory(root, ".register-");
        model.withVersion(version).save(tmp);
        Files.move(tmp, root.resolve(version), StandardCopyOption.ATOMIC_MOVE);
        return version;
    }

    /** Makes {@code version} the served model after checking it loads (corrupt or incompatible models are refused). */
    public void promote(String version) throws IOException {
        if (!versions().contains(version)) throw new IllegalArgumentException("unknown model version " + version);
        TrainedFraudModel.load(root.resolve(version));
        writePointer(version);
        Files.writeString(root.resolve(LOG), version + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The promoted version, if any. */
    public Optional<String> promoted() throws IOException {
        Path p = root.resolve(PROMOTED);
        if (!Files.exists(p)) return Optional.empty();
        String v = Files.readString(p, StandardCharsets.UTF_8).trim();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The version {@link #rollback()} would return to: the one promoted before the current one, if any. */
    public Optional<String> rollbackTarget() throws IOException {
        List<String> log = promotionLog();
        return log.size() < 2 ? Optional.empty() : Optional.of(log.get(log.size() - 2));
    }

    /** Re-promotes the version promoted before the current one; returns it. */
    public String rollback() throws IOException {
        List<String> log = promotionLog();
        if (log.size() < 2) throw new IllegalStateException("no earlier promoted version to roll back to");
        String previous = log.get(log.size() - 2);
        TrainedFraudModel.load(root.resolve(previous));
        writePointer(previous);
        log.remove(log.size() - 1);
        Files.writeString(root.resolve(LOG), log.isEmpty() ? "" : String.join("\n", log) + "\n", StandardCharsets.UTF_8);
        return previous;
    }

    /** The promotion history, oldest first; its last entry is the promoted version ({@link #rollback()} walks it back). */
    public List<String> promotionHistory() throws IOException {
        return List.copyOf(promotionLog());
    }

    /**
     * Takes over another registry's promotion history (cluster mode: every node follows the promotions made on any
     * node): its last version becomes the promoted one after checking that it loads. Earlier versions this registry does
     * not hold are left out of its history (a rollback cannot return to a model that is not here). Returns the history
     * as adopted.
     */
    public List<String> adopt(List<String> history) throws IOException {
        if (history == null || history.isEmpty()) throw new IllegalArgumentException("a promotion history names at least one version");
        String version = history.get(history.size() - 1);
        List<String> here = versions();
        if (!here.contains(version)) throw new IllegalArgumentException("unknown model version " + version);
        TrainedFraudModel.load(root.resolve(version));
        List<String> adopted = history.stream().filter(here::contains).toList();
        writePointer(version);
        Files.writeString(root.resolve(LOG), String.join("\n", adopted) + "\n", StandardCharsets.UTF_8);
        return adopted;
    }

    /** The directory of a registered version (its files are what {@link TrainedFraudModel#load} reads). */
    public Path directory(String version) throws IOException {
        if (!versions().contains(version)) throw new IllegalArgumentException("unknown model version " + version);
        return root.resolve(version);
    }

    /**
     * Registers a model saved elsewhere under its own version, from its files (name → bytes): written to a temporary
     * directory, loaded there (the dossier's fingerprints are checked), then moved into place. Returns false when the
     * version is already registered with the same dossier; refuses one registered with a different dossier.
     */
    public boolean install(String version, java.util.Map<String, byte[]> files) throws IOException {
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,80}")) throw new IllegalArgumentException("bad model version " + version);
        byte[] dossier = files.get(TrainedFraudModel.DOSSIER_FILE);
        if (dossier == null) throw new IllegalArgumentException("model " + version + " comes without its dossier");
        Path target = root.resolve(version);
        if (versions().contains(version)) {
            if (java.util.Arrays.equals(Files.readAllBytes(target.resolve(TrainedFraudModel.DOSSIER_FILE)), dossier)) return false;
            throw new IllegalStateException("model " + version + " is already registered here with a different dossier");
        }
        Files.createDirectories(root);
        Path tmp = Files.createTempDirectory(root, ".install-");
        try {
            for (var f : files.entrySet()) {
                String name = f.getKey();
                if (!name.matches("[A-Za-z0-9._-]{1,80}") || name.startsWith(".")) throw new IllegalArgumentException("bad model file name " + name);
                Files.write(tmp.resolve(name), f.getValue());
            }
            TrainedFraudModel loaded = TrainedFraudModel.load(tmp);
            if (!version.equals(loaded.version())) throw new IllegalArgumentException("model files of " + loaded.version() + " sent as " + version);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> s = Files.list(tmp)) {
                    for (Path f : s.toList()) Files.deleteIfExists(f);
                }
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Loads the promoted model. */
    public TrainedFraudModel loadPromoted() throws IOException {
        String v = promoted().orElseThrow(() -> new ModelLoadException("no model promoted in " + root));
        return TrainedFraudModel.load(root.resolve(v));
    }

    public TrainedFraudModel load(String version) throws ModelLoadException { return TrainedFraudModel.load(root.resolve(version)); }

    private List<String> promotionLog() throws IOException {
        Path p = root.resolve(LOG);
        if (!Files.exists(p)) return new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) if (!l.isBlank()) out.add(l.trim());
        return out;
    }

    private void writePointer(String version) throws IOException {
        Path tmp = root.resolve(PROMOTED + ".tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, root.resolve(PROMOTED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Orders by name but numerically on the trailing counter, so -10 comes after -9. */
    static int compareVersions(String a, String b) {
        int ia = a.lastIndexOf('-');
        int ib = b.lastIndexOf('-');
        if (ia > 0 && ib > 0 && a.substring(0, ia).equals(b.substring(0, ib))) {
            try {
                return Integer.compare(Integer.parseInt(a.substring(ia + 1)), Integer.parseInt(b.substring(ib + 1)));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return a.compareTo(b);
    }
}
