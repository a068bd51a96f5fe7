package org.smartcustoms.server.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Violation;
import org.smartcustoms.server.declaration.Actor;
import org.smartcustoms.server.declaration.BatchResult;
import org.smartcustoms.server.declaration.BatchRow;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.RowResult;
import org.smartcustoms.server.web.Problems;

/**
 * A bulk submission in cluster mode: valid originals queued on the intake log ({@code items}, each with its id and
 * status link), originals whose LRN the declarant had already used ({@code duplicates}, their ids in
 * {@code storedIds}), amendments and cancellations queued the same way behind the originals of their declarant (in
 * {@code items}, with a submission id), a customs user's changes naming no declarant applied at once by the intake as
 * in single-node mode ({@code applied}, ids in {@code storedIds}) and rejected rows with every reason.
 */
public record QueuedBatch(int queued, int duplicates, int applied, int rejected, List<IntakeLog.Queued> items,
                          List<String> storedIds, List<BatchResult.RejectedRow> rejections) {
    /** Rows queued per round trip to Kafka. */
    private static final int CHUNK = 1000;

    public QueuedBatch {
        items = List.copyOf(items);
        storedIds = List.copyOf(storedIds);
        rejections = List.copyOf(rejections);
    }

    /** Where the parsed rows of a batch go. */
    public interface RowSink {
        void accept(BatchRow row);

        void rejected(long row, List<Violation> errors);
    }

    /** Reads the rows of a batch into a sink (the parser of its format). */
    public interface Rows {
        void read(RowSink sink) throws IOException;
    }

    public static QueuedBatch submit(IntakeLog log, DeclarationIntake intake, Actor actor, Rows rows) throws IOException {
        List<BatchRow> originals = new ArrayList<>();
        List<BatchRow> others = new ArrayList<>();
        List<BatchResult.RejectedRow> rejections = new ArrayList<>();
        rows.read(new RowSink() {
            @Override
            public void accept(BatchRow row) {
                (IntakeLog.queues(row.declaration(), actor) ? originals : others).add(row);
            }

            @Override
            public void rejected(long row, List<Violation> errors) {
                rejections.add(new BatchResult.RejectedRow(row, Problems.fieldErrors(errors)));
            }
        });
        List<IntakeLog.Queued> items = new ArrayList<>();
        List<String> storedIds = new ArrayList<>();
        int duplicates = 0;
        for (int from = 0; from < originals.size(); from += CHUNK) {
            List<BatchRow> chunk = originals.subList(from, Math.min(originals.size(), from + CHUNK));
            List<Declaration> declarations = chunk.stream().map(BatchRow::declaration).toList();
            for (IntakeLog.Accepted a : log.acceptAll(declarations, actor,
                    (i, v) -> rejections.add(new BatchResult.RejectedRow(chunk.get(i).row(), Problems.fieldErrors(v))))) {
                if (a.queued().isPresent()) {
                    items.add(a.queued().get());
                } else {
                    duplicates++;
                    storedIds.add(a.existing().orElseThrow().declaration().id());
                }
            }
        }
        int applied = 0;
        if (!others.isEmpty()) {
            for (RowResult r : intake.submitBatch(others, actor)) {
                if (r.outcome() == RowResult.Outcome.REJECTED) {
                    rejections.add(new BatchResult.RejectedRow(r.row(), Problems.fieldErrors(r.violations())));
                } else {
                    applied++;
                    storedIds.add(r.id());
                }
            }
        }
        rejections.sort(Comparator.comparingLong(BatchResult.RejectedRow::row));
        return new QueuedBatch(items.size(), duplicates, applied, rejections.size(), items, storedIds, rejections);
    }
}
