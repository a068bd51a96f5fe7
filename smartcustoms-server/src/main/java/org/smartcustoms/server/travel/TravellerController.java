package org.smartcustoms.server.travel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The public traveller API: no account; each declaration's access token (header X-Traveller-Token) opens it. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Travellers", description = "Pre-arrival declaration, duty on the excess, cashless payment and the e-gate QR code")
public class TravellerController {
    static final String TOKEN = "X-Traveller-Token";
    private final TravelService travel;
    private final TravelSettings settings;
    private final PublicRateLimit limit;

    TravellerController(TravelService travel, TravelSettings settings, PublicRateLimit limit) {
        this.travel = travel;
        this.settings = settings;
        this.limit = limit;
    }

    @Operation(summary = "Declare before arrival (public)", description = "Passport typed or as its MRZ (TD3, check digits verified), "
            + "flight, arrival date, family, answers and goods. 201 with the allowances, the duty on the excess explained, and the "
            + "access token (shown once) that opens the declaration; the QR code once nothing is left to pay.")
    @PostMapping(value = "/travellers/declarations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TravelService.TravellerView> declare(@RequestBody TravelService.DeclarationRequest body, HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        TravelService.TravellerView v = travel.declare(body);
        return ResponseEntity.created(URI.create("/api/v1/travellers/declarations/" + v.id())).cacheControl(CacheControl.noStore()).body(v);
    }

    @Operation(summary = "The allowance and flat-rate table in force (public)")
    @GetMapping("/travellers/allowances")
    Map<String, Object> allowances() {
        var t = settings.allowances;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currency", t.currency());
        m.put("alcoholBottles", t.alcoholBottles());
        m.put("bottleMillilitres", t.bottleMillilitres());
        m.put("cigarettes", t.cigarettes());
        m.put("perfumeOunces", t.perfumeOunces());
        m.put("otherGoodsValue", t.otherGoodsValue());
        m.put("adultAge", t.adultAge());
        m.put("alcoholRatePerLitre", t.alcoholRatePerLitre());
        m.put("tobaccoRatePerCigarette", t.tobaccoRatePerCigarette());
        m.put("otherGoodsRate", t.otherGoodsRate());
        return m;
    }

    @Operation(summary = "A declaration, for the holder of its access token (public)")
    @GetMapping("/travellers/declarations/{id}")
    ResponseEntity<TravelService.TravellerView> get(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token,
                                                    HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(travel.get(id, token));
    }

    @Operation(summary = "The QR code as PNG (public; token in the header or ?token=)")
    @GetMapping("/travellers/declarations/{id}/qr.png")
    ResponseEntity<byte[]> qr(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String header,
                              @RequestParam(value = "token", required = false) String param, HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"customs-qr-" + id.replaceAll("[^A-Za-z0-9]", "") + ".png\"")
                .body(travel.qrPng(id, header != null ? header : param));
    }

    public record PaymentRequest(String cardToken) { }

    @Operation(summary = "Pay the duty by card (public; header Idempotency-Key)", description = "The simulated provider takes card "
            + "tokens tok_<brand>_<last4> (tok_declined... is declined, 402). The same Idempotency-Key answers the same payment.")
    @PostMapping(value = "/travellers/declarations/{id}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TravelService.PaymentView> pay(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token,
                                                  @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                                  @RequestBody PaymentRequest body, HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(travel.pay(id, token, key, body == null ? null : body.cardToken()));
    }

    @Operation(summary = "The payments and receipts of a declaration (public)")
    @GetMapping("/travellers/declarations/{id}/payments")
    List<TravelService.PaymentView> payments(@PathVariable String id, @RequestHeader(value = TOKEN, required = false) String token,
                                             HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        return travel.payments(id, token);
    }

    @Operation(summary = "Webhook of the simulated payment provider (signed: Sim-Signature t=..,v1=..)",
            description = "400 for a bad or stale signature or content, 409 for an event already received; nothing is recorded then.")
    @PostMapping(value = "/payments/webhooks/simulated", consumes = MediaType.APPLICATION_JSON_VALUE)
    TravelService.PaymentView webhook(@RequestHeader Map<String, String> headers, @RequestBody String body, HttpServletRequest req) {
        limit.check(req.getRemoteAddr());
        if (body.length() > 10_000) throw new IllegalArgumentException("the webhook body is too large");
        return travel.webhook(headers, body);
    }
}
