package org.smartcustoms.server.travel;

import java.io.IOException;

import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.travel.QrImages;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The e-gate devices (role GATE): a scanned QR code (text, or a photo of it) and the passport MRZ read at the gate. */
@RestController
@RequestMapping("/api/v1/egate")
@Tag(name = "E-gate", description = "OPEN, INSPECT or REFUSED for a traveller's QR code and passport")
public class EgateController {
    static final long MAX_IMAGE_BYTES = 5_000_000;
    private final GateService gate;

    EgateController(GateService gate) {
        this.gate = gate;
    }

    public record ScanRequest(String qr, String mrz) { }

    @Operation(summary = "Scan a QR code with the passport's MRZ", description = "decision OPEN | INSPECT | REFUSED; reason INVALID, "
            + "EXPIRED, REPLAYED, FOREIGN, PASSPORT_MISMATCH (refused) or INSPECTION; message for the traveller (neutral), "
            + "reasons for the officer. A code is used once. 422 for an MRZ that cannot be read (nothing is used).")
    @PostMapping(value = "/scan", consumes = MediaType.APPLICATION_JSON_VALUE)
    GateService.ScanResult scan(@RequestBody ScanRequest body) {
        if (body == null) throw new IllegalArgumentException("qr and mrz are required");
        return gate.scan(body.qr(), body.mrz(), CurrentUser.get().username());
    }

    @Operation(summary = "Scan a photo of a QR code (multipart: image, mrz)")
    @PostMapping(value = "/scan", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    GateService.ScanResult scanImage(@RequestPart("image") MultipartFile image, @RequestParam("mrz") String mrz) throws IOException {
        if (image.isEmpty()) throw new IllegalArgumentException("the image is empty");
        if (image.getSize() > MAX_IMAGE_BYTES) throw new IllegalArgumentException("the image is larger than 5 MB");
        String qr = QrImages.decode(image.getBytes()).orElseThrow(() -> new IllegalArgumentException("no QR code found in the image"));
        return gate.scan(qr, mrz, CurrentUser.get().username());
    }
}
