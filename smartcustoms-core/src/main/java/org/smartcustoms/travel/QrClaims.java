package org.smartcustoms.travel;

import java.time.Instant;

/**
 * What a traveller's QR code carries: the declaration id (also the token id, used once), a keyed hash of the
 * passport number (nothing personal is readable without the server's key), the flight, and the validity window.
 */
public record QrClaims(String declarationId, String passportHash, String flight, Instant notBefore, Instant expiresAt) { }
