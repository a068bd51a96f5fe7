package org.smartcustoms.server.enforcement;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos of concealment methods on a seizure. The upload is recognised by its content (JPEG or PNG magic bytes, then
 * decoded), never by its name; at most {@code smartcustoms.enforcement.photo-max-bytes} (413 beyond) and 40 megapixels;
 * the picture is decoded and encoded anew, so no metadata of the original (EXIF with GPS position and camera serial,
 * PNG text chunks, ICC profiles, thumbnails) is stored.
 */
@Service
class EnforcementPhotos {
    static final long MAX_PIXELS = 40_000_000L;

    private final JdbcEnforcementStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;

    EnforcementPhotos(JdbcEnforcementStore store, AuditTrail audit, Clock clock,
                      @Value("${smartcustoms.enforcement.photo-max-bytes:10485760}") long maxBytes) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    @Transactional
    public JdbcEnforcementStore.PhotoInfo add(String seizureId, byte[] bytes, String caption, String actor) {
        if (store.seizure(seizureId).isEmpty()) throw new EnforcementNotFoundException("no seizure " + seizureId);
        if (bytes == null || bytes.length == 0) throw new EnforcementExchangeException(HttpStatus.BAD_REQUEST, "the photo is empty");
        if (bytes.length > maxBytes) {
            throw new EnforcementExchangeException(HttpStatus.PAYLOAD_TOO_LARGE, "a photo is at most " + (maxBytes / (1024 * 1024)) + " MB");
        }
        String format = format(bytes);
        if (format == null) {
            throw new EnforcementExchangeException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the file is not a JPEG or PNG image (checked by its content)");
        }
        String cap = caption == null || caption.isBlank() ? null : caption.strip();
        if (cap != null && cap.length() > 500) throw new IllegalArgumentException("caption must be at most 500 characters");
        BufferedImage img = decode(bytes, format);
        byte[] clean = encode(img, format);
        String id = String.format(Locale.ROOT, "F-%06d", store.next("F"));
        var info = new JdbcEnforcementStore.PhotoInfo(id, seizureId, format.equals("png") ? "image/png" : "image/jpeg",
                img.getWidth(), img.getHeight(), cap, actor, clock.instant());
        store.insertPhoto(info, clean);
        audit.record(actor, AuditAction.ENFORCEMENT_RECORDED, AuditSubject.SEIZURE, seizureId,
                "photo " + id + " added (" + img.getWidth() + "×" + img.getHeight() + ", metadata stripped)", null);
        return info;
    }

    public List<JdbcEnforcementStore.PhotoInfo> list(String seizureId) {
        if (store.seizure(seizureId).isEmpty()) throw new EnforcementNotFoundException("no seizure " + seizureId);
        return store.photos(seizureId);
    }

    public Map.Entry<String, byte[]> get(String seizureId, String photoId) {
        return store.photo(seizureId, photoId).orElseThrow(() -> new EnforcementNotFoundException("no photo " + photoId + " on seizure " + seizureId));
    }

    /** "jpeg" or "png" from the first bytes, or null. */
    static String format(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "jpeg";
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
                && b[6] == 0x1A && b[7] == 0x0A) return "png";
        return null;
    }

    private static BufferedImage decode(byte[] bytes, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) throw new IllegalStateException("no " + format + " reader");
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new EnforcementExchangeException(HttpStatus.PAYLOAD_TOO_LARGE, "a photo has at most 40 megapixels");
                }
                BufferedImage img = r.read(0);
                if (img == null || img.getWidth() < 1) throw new IOException("empty");
                return img;
            } finally {
                r.dispose();
            }
        } catch (EnforcementExchangeException e) {
            throw e;
        } catch (Exception e) {
            throw new EnforcementExchangeException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the file is not a readable " + format.toUpperCase() + " image");
        }
    }

    private static byte[] encode(BufferedImage img, String format) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(),
                format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        try (ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            if (!ImageIO.write(out, format.equals("png") ? "png" : "jpg", b)) throw new IllegalStateException("no " + format + " writer");
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
