package org.smartcustoms.travel;

/** The outcome of verifying a scanned QR code: its claims, or why it is refused. */
public record QrCheck(QrClaims claims, Refusal refusal, String detail) {
    /** Why a code is refused at the gate. */
    public enum Refusal {
        /** Unreadable, truncated, tampered with, or a signature that does not verify. */
        INVALID,
        /** Outside its validity window (too early or too late). */
        EXPIRED,
        /** Already used at a gate. */
        REPLAYED,
        /** Signed by a key this administration does not know (another issuer). */
        FOREIGN,
        /** The passport read at the gate is not the one declared. */
        PASSPORT_MISMATCH
    }

    public static QrCheck valid(QrClaims c) {
        return new QrCheck(c, null, null);
    }

    public static QrCheck refused(Refusal r, String detail) {
        return new QrCheck(null, r, detail);
    }

    public boolean ok() {
        return refusal == null;
    }
}
