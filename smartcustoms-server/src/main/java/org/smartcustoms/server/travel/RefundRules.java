package org.smartcustoms.server.travel;

/**
 * The rules every refund follows, whichever capability took the payment (travellers' payments, payment orders of
 * trade declarations): a reason is required, the amount is positive and at most what is left of the payment once the
 * refunds already asked for (and not rejected) are counted, and the person who asked may not decide (four eyes).
 */
public final class RefundRules {
    public static final int MAX_REASON = 500;

    private RefundRules() { }

    /** The reason as stored (stripped); refuses a missing or too long one. */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason (at most " + MAX_REASON + " characters) is required");
        }
        return reason.strip();
    }

    /** Refuses an amount (minor units) that is not positive or exceeds what is left of the payment after {@code open}. */
    public static void amount(long amount, long paid, long open) {
        if (amount <= 0 || amount + open > paid) {
            throw new IllegalArgumentException("the refund must be positive and at most what is left of the payment (" + (paid - open) + ")");
        }
    }

    /** Whether {@code actor} may decide a refund asked for by {@code requestedBy}: never the same person. */
    public static boolean mayDecide(String requestedBy, String actor) {
        return !requestedBy.equals(actor);
    }
}
