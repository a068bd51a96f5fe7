package org.smartcustoms.server.consignment;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smartcustoms.consignment.ConsignmentStatus;
import org.smartcustoms.consignment.Purchase;

/** Storage of manifests, their consignments and rejected rows (tables {@code lvc_*}). */
public interface ConsignmentStore {
    /** Stores the manifest, its consignments (batched) and its rejected rows; the caller's transaction. */
    void insert(StoredManifest manifest, List<DecidedConsignment> consignments, List<RejectedRow> rejected);

    /** Which of the ids the submitter already has stored. */
    Set<String> existingIds(String submitterParty, Collection<String> consignmentIds);

    /** Stored consignments of these buyers arriving between the dates (inclusive), for the splitting check. */
    List<Purchase> purchases(Collection<String> buyerKeys, LocalDate from, LocalDate to);

    Optional<StoredManifest> manifest(String id);

    /** Manifests newest first, of one submitter or (null) of all. */
    List<StoredManifest> manifests(String submitterParty, int offset, int limit);

    long countManifests(String submitterParty);

    /** Consignments of a manifest in row order, optionally of one status. */
    List<ConsignmentView> consignments(String manifestId, ConsignmentStatus status, int offset, int limit);

    long countConsignments(String manifestId, ConsignmentStatus status);

    /**
     * A consignment the party submitted, by its consignment id or its house document (tracking number); empty for
     * any other party's consignment.
     */
    Optional<ConsignmentView> consignmentOf(String submitterParty, String reference);

    /** The party's most recently decided consignments of a status, newest first. */
    List<ConsignmentView> recentConsignmentsOf(String submitterParty, ConsignmentStatus status, int limit);

    /** Rejected rows of a manifest in row order. */
    List<RejectedRow> rejectedRows(String manifestId, int offset, int limit);
}
