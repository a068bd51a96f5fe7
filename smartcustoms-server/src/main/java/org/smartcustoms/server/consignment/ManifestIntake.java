package org.smartcustoms.server.consignment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.smartcustoms.consignment.ConsignmentAssessment;
import org.smartcustoms.consignment.ConsignmentAssessor;
import org.smartcustoms.consignment.ConsignmentDecision;
import org.smartcustoms.consignment.ConsignmentRiskPolicy;
import org.smartcustoms.consignment.ConsignmentRiskScorer;
import org.smartcustoms.consignment.ConsignmentStatus;
import org.smartcustoms.consignment.LowValueConsignment;
import org.smartcustoms.consignment.Manifest;
import org.smartcustoms.consignment.ManifestFormat;
import org.smartcustoms.consignment.ManifestParser;
import org.smartcustoms.consignment.ManifestRow;
import org.smartcustoms.consignment.Purchase;
import org.smartcustoms.consignment.RowProblem;
import org.smartcustoms.consignment.SplitOrderDetector;
import org.smartcustoms.consignment.SplitPolicy;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.risk.RiskService;
import org.smartcustoms.server.tariff.TariffService;
import org.smartcustoms.server.web.PayloadTooLargeException;
import org.smartcustoms.server.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a manifest of low-value consignments from a platform or carrier and decides every consignment in it:
 *
 * <ol>
 * <li>streams the body through {@link ManifestParser} (at most {@code smartcustoms.consignment.max-upload-bytes},
 * counted while reading, so a body without or with a false Content-Length is cut off too), hashing it;</li>
 * <li>rejects, with the row number and every reason: broken rows, rows that are not UTF-8, a truncated last line, a
 * consignment id seen earlier in the file or already stored for the submitter, rows that cannot be assessed;</li>
 * <li>assesses the rest with the tariff's de minimis relief, looks for orders split under the threshold (this
 * manifest's consignments and the stored ones of the same buyers, {@code smartcustoms.consignment.split-window-days}
 * either side of the arrival date), screens against the watch lists and decides RELEASED or HELD;</li>
 * <li>stores the manifest, every accepted consignment (JDBC batches) with its notification, every rejected row and
 * one audit entry for the manifest in <b>one transaction</b>: either the whole manifest is stored or nothing of it.</li>
 * </ol>
 * A consignment id is stored once per submitter: two uploads racing with the same ids leave one stored and the other
 * refused (409, nothing of it stored; sending it again reports the ids as already stored).
 */
@Service
public class ManifestIntake {
    /** How many rejected rows the upload's answer lists (all are stored and can be paged). */
    static final int RECEIPT_REJECTED_ROWS = 1000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ManifestIntake.class);
    private final ConsignmentStore store;
    private final TariffService tariff;
    private final RiskService risk;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final long maxUploadBytes;
    private final SplitPolicy splitPolicy;
    private final ConsignmentRiskPolicy riskPolicy;
    private final AtomicReference<ConsignmentAssessor> assessor = new AtomicReference<>();
    /** A manifest is decided in memory (about 1 KB per consignment): at most this many at once, the others wait. */
    private final java.util.concurrent.Semaphore slots;

    ManifestIntake(ConsignmentStore store, TariffService tariff, RiskService risk, AuditTrail audit, Clock clock,
                   PlatformTransactionManager transactions,
                   @Value("${smartcustoms.consignment.max-upload-bytes:209715200}") long maxUploadBytes,
                   @Value("${smartcustoms.consignment.split-window-days:7}") int splitWindowDays,
                   @Value("${smartcustoms.consignment.hold-threshold:50}") int holdThreshold,
                   @Value("${smartcustoms.consignment.concurrent-manifests:2}") int concurrentManifests) {
        if (concurrentManifests < 1) throw new IllegalArgumentException("smartcustoms.consignment.concurrent-manifests must be at least 1");
        this.slots = new java.util.concurrent.Semaphore(concurrentManifests, true);
        this.store = store;
        this.tariff = tariff;
        this.risk = risk;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        if (maxUploadBytes < 1) throw new IllegalArgumentException("smartcustoms.consignment.max-upload-bytes must be positive");
        this.maxUploadBytes = maxUploadBytes;
        this.splitPolicy = new SplitPolicy(splitWindowDays, 2);
        ConsignmentRiskPolicy d = ConsignmentRiskPolicy.defaults();
        this.riskPolicy = new ConsignmentRiskPolicy(d.partyWatchList(), d.commodityTarget(), d.splitOrder(), d.zeroValue(), holdThreshold);
    }

    /** The largest manifest body accepted, in bytes. */
    public long maxUploadBytes() { return maxUploadBytes; }

    public ConsignmentStore store() { return store; }

    /**
     * Reads, decides and stores a manifest.
     *
     * @throws PayloadTooLargeException when the body is longer than the limit (nothing stored)
     * @throws org.smartcustoms.consignment.ManifestFormatException when the file as a whole cannot be read (nothing stored)
     */
    public ManifestReceipt submit(Manifest header, InputStream body, String actor) throws IOException {
        return submit(header, body, actor, newManifestId());
    }

    /**
     * The same under a manifest id allocated earlier (cluster mode: the API node answered with it, a worker stores it),
     * idempotent on that id: a manifest already stored under it is the answer and nothing is read or stored again.
     * Two calls racing with the same id store it once; the other fails on the primary key (DataIntegrityViolationException).
     */
    public ManifestReceipt submit(Manifest header, InputStream body, String actor, String manifestId) throws IOException {
        java.util.Optional<StoredManifest> stored = store.manifest(manifestId);
        if (stored.isPresent()) return receipt(stored.get());
        slots.acquireUninterruptibly();
        try {
            return decideAndStore(header, body, actor, manifestId);
        } finally {
            slots.release();
        }
    }

    /** The receipt of a stored manifest, as its upload answered it. */
    public ManifestReceipt receipt(StoredManifest m) {
        List<RejectedRow> rows = store.rejectedRows(m.id(), 0, RECEIPT_REJECTED_ROWS + 1);
        boolean truncated = rows.size() > RECEIPT_REJECTED_ROWS;
        return new ManifestReceipt(m, truncated ? rows.subList(0, RECEIPT_REJECTED_ROWS) : rows, truncated);
    }

    /** A new manifest id. */
    public static String newManifestId() {
        return "LVM-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
    }

    /** A body copied to a temporary file: its length and SHA-256. The caller deletes the file. */
    public record Spooled(java.nio.file.Path file, long bytes, String sha256) { }

    /**
     * Copies a manifest body to a temporary file, counting and hashing it.
     *
     * @throws PayloadTooLargeException when it is longer than the limit (the file is deleted)
     */
    public Spooled spool(InputStream body) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("smartcustoms-manifest-", ".upload");
        try {
            HashingLimitedStream in = new HashingLimitedStream(body, maxUploadBytes);
            try (var out = java.nio.file.Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            return new Spooled(file, in.count(), in.sha256());
        } catch (IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Reads a spooled body up to its first row: a file that cannot be read as a whole (empty, a CSV header with unknown
     * or missing columns, ...) is refused here with {@link org.smartcustoms.consignment.ManifestFormatException}, as
     * {@link #submit} refuses it; rows are not checked (their problems are reported when the manifest is decided).
     */
    public void checkReadable(ManifestFormat format, java.nio.file.Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            new ManifestParser(format).parse(in, row -> {
                throw new FirstRow();
            });
        } catch (FirstRow expected) {
            // the file as a whole is readable
        }
    }

    private static final class FirstRow extends RuntimeException {
        FirstRow() {
            super(null, null, false, false);
        }
    }

    private ManifestReceipt decideAndStore(Manifest header, InputStream body, String actor, String manifestId) throws IOException {
        Instant received = clock.instant();
        long t0 = System.nanoTime();
        HashingLimitedStream in = new HashingLimitedStream(body, maxUploadBytes);
        List<ManifestRow.Parsed> parsed = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        Map<String, Integer> firstRow = new HashMap<>();
        int[] duplicates = {0};
        int[] rows = {0};
        new ManifestParser(header.format()).parse(in, row -> {
            rows[0]++;
            switch (row) {
                case ManifestRow.Rejected r -> rejected.add(new RejectedRow(r.row(), r.consignmentId(), r.problems()));
                case ManifestRow.Parsed p -> {
                    Integer earlier = firstRow.putIfAbsent(p.consignment().consignmentId(), p.row());
                    if (earlier != null) {
                        duplicates[0]++;
                        rejected.add(new RejectedRow(p.row(), p.consignment().consignmentId(), List.of(new RowProblem("consignment_id",
                                RowProblem.Code.DUPLICATE_IN_FILE, "consignment " + p.consignment().consignmentId()
                                        + " is already on row " + earlier + " of this manifest; stored once"))));
                    } else {
                        parsed.add(p);
                    }
                }
            }
        });
        long tParsed = System.nanoTime();
        Set<String> stored = store.existingIds(header.submitterParty(), firstRow.keySet());
        LocalDate date = header.arrivalDate();
        long tLooked = System.nanoTime();
        ConsignmentAssessor assessor = assessor();
        List<ManifestRow.Parsed> fresh = new ArrayList<>(parsed.size());
        List<ConsignmentAssessment> assessments = new ArrayList<>(parsed.size());
        for (ManifestRow.Parsed p : parsed) {
            LowValueConsignment c = p.consignment();
            if (stored.contains(c.consignmentId())) {
                duplicates[0]++;
                rejected.add(new RejectedRow(p.row(), c.consignmentId(), List.of(new RowProblem("consignment_id",
                        RowProblem.Code.ALREADY_STORED, "consignment " + c.consignmentId() + " was already received in an earlier manifest; stored once"))));
                continue;
            }
            try {
                assessments.add(assessor.assess(c, date));
                fresh.add(p);
            } catch (RuntimeException e) {
                rejected.add(new RejectedRow(p.row(), c.consignmentId(), List.of(new RowProblem("hs6",
                        RowProblem.Code.NOT_ASSESSABLE, "duty and taxes cannot be assessed: " + Problems.sanitize(e.getMessage())))));
            }
        }
        rejected.sort(java.util.Comparator.comparingInt(RejectedRow::row));
        long tAssessed = System.nanoTime();

        // split orders: this manifest's consignments with the stored ones of the same buyers around the arrival date
        Map<String, BigDecimal> thresholds = new HashMap<>();
        List<Purchase> incoming = new ArrayList<>(fresh.size());
        Set<String> buyers = new LinkedHashSet<>();
        for (int i = 0; i < fresh.size(); i++) {
            LowValueConsignment c = fresh.get(i).consignment();
            String key = header.submitterParty() + "/" + c.consignmentId();
            incoming.add(new Purchase(key, c.buyerKey(), c.sellerKey(), date, assessments.get(i).customsValue().amount()));
            assessor.dutyThreshold(c.hs6(), date).ifPresent(t -> thresholds.put(key, t));
            buyers.add(c.buyerKey());
        }
        List<Purchase> history = store.purchases(buyers, date.minusDays(splitPolicy.windowDays()), date.plusDays(splitPolicy.windowDays()));
        Map<String, SplitOrderDetector.Finding> splits = new SplitOrderDetector(splitPolicy).detect(history, incoming, thresholds);

        long tSplit = System.nanoTime();
        ConsignmentRiskScorer scorer = new ConsignmentRiskScorer(risk.engine().watchList(), riskPolicy);
        Instant decided = clock.instant();
        List<DecidedConsignment> decidedRows = new ArrayList<>(fresh.size());
        int held = 0;
        BigDecimal duty = BigDecimal.ZERO;
        BigDecimal excise = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        MessageDigest decisions = sha256();
        for (int i = 0; i < fresh.size(); i++) {
            ManifestRow.Parsed p = fresh.get(i);
            ConsignmentAssessment a = assessments.get(i);
            ConsignmentDecision d = scorer.decide(p.consignment(), date, splits.get(header.submitterParty() + "/" + p.consignment().consignmentId()));
            if (d.status() == ConsignmentStatus.HELD) held++;
            duty = duty.add(a.duty().amount());
            excise = excise.add(a.excise().amount());
            vat = vat.add(a.vat().amount());
            decidedRows.add(new DecidedConsignment(manifestId, header.submitterParty(), p.row(), p.consignment(), date, a, d, d.notice(a), decided));
            decisions.update((p.consignment().consignmentId() + "|" + d.status() + "|" + d.score() + "|" + a.total().amount().toPlainString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String nat = assessor.tariff().exchangeRates().nationalCurrency();
        StoredManifest m = new StoredManifest(manifestId, header.reference(), header.submitterParty(), header.submitterKind(), actor,
                header.format(), date, received, in.sha256(), in.count(), rows[0], decidedRows.size(), rejected.size(), duplicates[0],
                decidedRows.size() - held, held, duty, excise, vat, nat);
        AuditFacts facts = new AuditFacts("low-value manifest", header.reference(), header.submitterParty(), header.submitterKind().name(),
                header.format().name(), date, m.rowsRead(), m.accepted(), m.rejected(), m.duplicates(), m.released(), m.held(),
                m.contentSha256(), HexFormat.of().formatHex(decisions.digest()));
        long tDecided = System.nanoTime();
        tx.executeWithoutResult(s -> {
            store.insert(m, decidedRows, rejected);
            audit.record(actor, AuditAction.MANIFEST_SUBMITTED, AuditSubject.MANIFEST, manifestId, null, AuditDetails.json(facts));
        });
        long tStored = System.nanoTime();
        log.info("manifest {} of {}: {} rows, {} accepted, {} held; ms parse {}, stored-id look-up {}, assess {}, split check {}, decide {}, store {}",
                manifestId, header.submitterParty(), m.rowsRead(), m.accepted(), m.held(), (tParsed - t0) / 1_000_000,
                (tLooked - tParsed) / 1_000_000, (tAssessed - tLooked) / 1_000_000, (tSplit - tAssessed) / 1_000_000, (tDecided - tSplit) / 1_000_000,
                (tStored - tDecided) / 1_000_000);
        boolean truncated = rejected.size() > RECEIPT_REJECTED_ROWS;
        return new ManifestReceipt(m, truncated ? rejected.subList(0, RECEIPT_REJECTED_ROWS) : rejected, truncated);
    }

    /** The facts of a manifest in its one audit entry (counts, content hash, hash over every decision in row order). */
    record AuditFacts(String kind, String reference, String submitter, String submitterKind, String format, LocalDate arrivalDate,
                      int rows, int accepted, int rejected, int duplicates, int released, int held, String contentSha256,
                      String decisionsSha256) { }

    private ConsignmentAssessor assessor() {
        var data = tariff.data();
        ConsignmentAssessor a = assessor.get();
        if (a == null || a.tariff() != data) {
            a = new ConsignmentAssessor(data);
            assessor.set(a);
        }
        return a;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and hashes what is read; more than the limit is refused with {@link PayloadTooLargeException}. */
    static final class HashingLimitedStream extends FilterInputStream {
        private final long limit;
        private final MessageDigest digest = ManifestIntake.sha256();
        private long count;

        HashingLimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
                digest.update(b, off, n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) throw new PayloadTooLargeException(limit);
        }

        long count() { return count; }

        String sha256() { return HexFormat.of().formatHex(digest.digest()); }
    }
}
