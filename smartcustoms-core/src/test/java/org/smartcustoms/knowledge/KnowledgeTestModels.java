package org.smartcustoms.knowledge;

import java.nio.file.Path;

/** One classifier per test JVM (nomenclature vectors cached where the server caches them). */
final class KnowledgeTestModels {
    private static HsClassifier classifier;

    private KnowledgeTestModels() { }

    static synchronized HsClassifier classifier() {
        if (classifier == null) {
            classifier = HsClassifier.load(MiniLmEmbedder.shared(), Path.of(System.getProperty("java.io.tmpdir"), "smartcustoms-knowledge"));
        }
        return classifier;
    }
}
