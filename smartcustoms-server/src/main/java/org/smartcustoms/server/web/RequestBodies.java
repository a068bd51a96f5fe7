package org.smartcustoms.server.web;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit; a larger body is refused (413) rather than truncated or buffered whole. */
public final class RequestBodies {
    private RequestBodies() { }

    public static byte[] readLimited(InputStream in, long limit) throws IOException {
        byte[] data = in.readNBytes((int) limit + 1);
        if (data.length > limit) throw new PayloadTooLargeException(limit);
        return data;
    }
}
