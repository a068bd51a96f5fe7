package org.smartcustoms.declaration.wco;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Repairs one real-world defect: comments whose body contains {@code --} (or ends in {@code -}), which XML
 * forbids. HMRC's own published DEC-DMS samples have such comments, typically a comment left unterminated so
 * that it runs into the next {@code <!--}. The repair follows XML's own rule for where a comment ends (the first
 * {@code -->}) and inserts a space after every offending {@code -} of the comment body, so the parser sees
 * exactly the comment boundaries any XML tool would, and content outside comments is copied byte for byte.
 *
 * <p>Bounded and conservative: only ASCII-compatible encodings (a UTF-16/32 document is left alone); CDATA
 * sections and processing instructions are skipped, not scanned; an unterminated comment, CDATA section or
 * processing instruction, or more than {@link #MAX_REPAIRS} insertions, means no repair. The result grows by at
 * most {@link #MAX_REPAIRS} bytes and keeps every line number. It is only tried after the document failed to
 * parse, and only kept when the repaired document parses (see {@link WcoXmlReader}).
 */
final class CommentRepair {
    /** At most this many insertions (one per offending '-'); more is not a stray comment but hostile input. */
    static final int MAX_REPAIRS = 1024;

    private static final byte[] COMMENT_OPEN = ascii("<!--");
    private static final byte[] COMMENT_CLOSE = ascii("-->");
    private static final byte[] CDATA_OPEN = ascii("<![CDATA[");
    private static final byte[] CDATA_CLOSE = ascii("]]>");
    private static final byte[] PI_OPEN = ascii("<?");
    private static final byte[] PI_CLOSE = ascii("?>");

    private CommentRepair() { }

    /** The repaired document, or null when there is nothing to repair or no safe repair. */
    static byte[] repair(byte[] xml) {
        if (!asciiCompatible(xml)) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length + 64);
        int repairs = 0;
        int i = 0;
        int n = xml.length;
        while (i < n) {
            if (startsWith(xml, i, CDATA_OPEN) || startsWith(xml, i, PI_OPEN)) {
                byte[] close = startsWith(xml, i, CDATA_OPEN) ? CDATA_CLOSE : PI_CLOSE;
                int end = indexOf(xml, close, i + 2);
                if (end < 0) return null;
                end += close.length;
                out.write(xml, i, end - i);
                i = end;
            } else if (startsWith(xml, i, COMMENT_OPEN)) {
                int bodyStart = i + COMMENT_OPEN.length;
                int end = indexOf(xml, COMMENT_CLOSE, bodyStart);
                if (end < 0) return null;
                out.write(COMMENT_OPEN, 0, COMMENT_OPEN.length);
                for (int k = bodyStart; k < end; k++) {
                    out.write(xml[k]);
                    // a '-' followed by another '-' or by the closing "-->" (which would make "--->")
                    if (xml[k] == '-' && (k + 1 == end || xml[k + 1] == '-')) {
                        out.write(' ');
                        if (++repairs > MAX_REPAIRS) return null;
                    }
                }
                out.write(COMMENT_CLOSE, 0, COMMENT_CLOSE.length);
                i = end + COMMENT_CLOSE.length;
            } else {
                out.write(xml[i++]);
            }
        }
        return repairs == 0 ? null : out.toByteArray();
    }

    /** UTF-8, ASCII and the single-byte encodings keep '<', '-', '!' and '>' as those bytes; UTF-16/32 do not. */
    private static boolean asciiCompatible(byte[] b) {
        if (b.length < 2) return true;
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        return b0 != 0 && b1 != 0 && !(b0 == 0xFE && b1 == 0xFF) && !(b0 == 0xFF && b1 == 0xFE);
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) return false;
        for (int k = 0; k < prefix.length; k++) if (b[at + k] != prefix[k]) return false;
        return true;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        for (int i = from; i + what.length <= b.length; i++) if (startsWith(b, i, what)) return i;
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
