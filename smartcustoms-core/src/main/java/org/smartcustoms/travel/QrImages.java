package org.smartcustoms.travel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR code images (ZXing): PNG of a text, and the text of a QR code found in a photo or scan. */
public final class QrImages {
    /** Images larger than this (pixels per side) are refused before decoding. */
    public static final int MAX_SIDE = 4000;

    private QrImages() { }

    public static byte[] png(String text, int size) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code in an image (PNG, JPEG, GIF, BMP), or empty when the image holds none. */
    public static Optional<String> decode(byte[] image) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the image cannot be read");
        }
        if (img == null) throw new IllegalArgumentException("the file is not an image this server reads (PNG, JPEG, GIF, BMP)");
        if (img.getWidth() > MAX_SIDE || img.getHeight() > MAX_SIDE) {
            throw new IllegalArgumentException("the image is larger than " + MAX_SIDE + " pixels per side");
        }
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
        // a photo or scan: find the code's finder patterns anywhere in the picture; the finder misses about one clean
        // generated code in a hundred (data modules that look like a finder pattern), so an image that holds nothing
        // but the code (a screenshot, a saved boarding pass) is read again as such
        return read(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .or(() -> read(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)));
    }

    private static Optional<String> read(BinaryBitmap bitmap, Map<DecodeHintType, ?> hints) {
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
