package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.testing.SharedData;
import org.smartcustoms.testing.WcoSampleExpectation;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every HMRC DEC-DMS sample through the real API as application/xml: originals (FunctionCode 9) are accepted
 * with their goods items and commodity codes as an independent XPath reading of the file says
 * ({@link WcoSampleExpectation}, from the core test-jar); a sample repeating an earlier one's declarant + LRN is an
 * idempotent re-submission (200, same id); amendments (FunctionCode 13) are applied to their original when that is
 * in the folder; anything that is not a declaration is a 422 problem.
 */
@Tag("shared-data")
@OnH2
@ApiTest
class WcoSamplesApiTest extends ApiTestSupport {
    static final String XML = "application/xml";
    /** The scenario of a sample file name: TT_IM005b__TT_IM005b_Amendment.xml -> TT_IM005b, number TT_IM005. */
    static final Pattern SCENARIO = Pattern.compile("^(TT_[A-Z]{2}\\d{3})([a-z]?)__");

    record Sample(String name, byte[] bytes, WcoSampleExpectation expected) { }

    record Accepted(String id, Sample first) { }

    @Test
    void everyOriginalSampleIsAcceptedWithItsItemsAndAmendmentsApply() throws Exception {
        Path dir = SharedData.require("wco-dec-dms/samples");
        ApiClient api = new ApiClient(port);
        List<Sample> originals = new ArrayList<>();
        List<Sample> amendments = new ArrayList<>();
        List<Sample> others = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                Sample sample = new Sample(f.getFileName().toString(), bytes, WcoSampleExpectation.of(bytes));
                if (!sample.expected().isDeclaration()) others.add(sample);
                else if ("9".equals(sample.expected().functionCode())) originals.add(sample);
                else if ("13".equals(sample.expected().functionCode())) amendments.add(sample);
                else others.add(sample);
            }
        }
        assertThat(originals).isNotEmpty();

        // --- originals
        Map<String, Accepted> byDeclarantAndLrn = new LinkedHashMap<>();
        Map<String, String> idByFile = new LinkedHashMap<>();
        int accepted = 0;
        int duplicates = 0;
        for (Sample s : originals) {
            ApiClient.Response r = api.post("/api/v1/declarations", ADMIN, XML, s.bytes());
            String key = s.expected().declarantId() + "|" + s.expected().lrn();
            Accepted earlier = byDeclarantAndLrn.get(key);
            if (earlier == null) {
                assertThat(r.status()).as(s.name() + ": " + r).isEqualTo(201);
                assertThat(r.json().get("created").asBoolean()).isTrue();
                byDeclarantAndLrn.put(key, new Accepted(r.json().get("id").asText(), s));
                accepted++;
            } else {
                // same declarant + LRN as an earlier sample: an idempotent re-submission, not a second declaration
                assertThat(r.status()).as(s.name() + " repeats " + earlier.first().name() + ": " + r).isEqualTo(200);
                assertThat(r.json().get("id").asText()).as(s.name()).isEqualTo(earlier.id());
                assertThat(r.json().get("created").asBoolean()).isFalse();
                duplicates++;
                System.out.println("  duplicate " + s.name() + " = " + earlier.first().name() + " (" + key + ")");
            }
            idByFile.put(s.name(), byDeclarantAndLrn.get(key).id());
        }
        for (Accepted a : byDeclarantAndLrn.values()) {
            JsonNode d = api.get("/api/v1/declarations/" + a.id(), ADMIN).json();
            WcoSampleExpectation x = a.first().expected();
            JsonNode items = d.get("declaration").get("items");
            assertThat(items.size()).as(a.first().name() + " goods items").isEqualTo(x.itemCount());
            List<String> codes = new ArrayList<>();
            for (JsonNode i : items) codes.add(i.hasNonNull("commodityCode") ? i.get("commodityCode").asText() : null);
            assertThat(codes).as(a.first().name() + " commodity codes").isEqualTo(x.commodityCodes());
            assertThat(d.get("declaration").get("lrn").asText()).isEqualTo(x.lrn());
            assertThat(d.get("status").asText()).as(a.first().name()).isNotIn("REJECTED", "SUBMITTED");
        }

        // --- amendments, after their originals
        int applied = 0;
        List<String> withoutOriginal = new ArrayList<>();
        for (Sample s : amendments) {
            String originalFile = originalOf(s.name(), originals);
            if (originalFile == null) {
                withoutOriginal.add(s.name());
                continue;
            }
            String id = idByFile.get(originalFile);
            JsonNode current = api.get("/api/v1/declarations/" + id, ADMIN).json();
            int before = current.get("version").asInt();
            if (current.get("status").asText().equals("UNDER_CONTROL")) {
                // control is final for the declarant: an officer allows the correction the sample makes
                ApiClient.Response auth = api.post("/api/v1/declarations/" + id + "/correction-authorisation", officer(),
                        "application/json", "{\"reason\": \"amendment " + s.name() + "\"}");
                assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
            }
            // The sample references the MRN CDS gave its original; here the original's MRN is the one we issued.
            String xml = new String(s.bytes(), StandardCharsets.UTF_8);
            String sampleMrn = s.expected().declarationId();
            String ours = sampleMrn == null ? xml : xml.replace(">" + sampleMrn + "<", ">" + id + "<");
            ApiClient.Response r = api.post("/api/v1/declarations", ADMIN, XML, ours);
            assertThat(r.status()).as(s.name() + " amending " + originalFile + ": " + r).isEqualTo(200);
            assertThat(r.json().get("id").asText()).isEqualTo(id);
            assertThat(r.json().get("version").asInt()).as(s.name()).isGreaterThan(before);
            assertThat(api.get("/api/v1/declarations/" + id + "/versions", ADMIN).json().size()).isEqualTo(r.json().get("version").asInt());
            applied++;
            System.out.println("  amendment " + s.name() + " -> " + originalFile + " (" + id + ") version " + before + " -> "
                    + r.json().get("version").asInt());
        }

        // --- anything that is not a declaration (none in the folder today; one notification to exercise the path)
        List<byte[]> notDeclarations = new ArrayList<>();
        for (Sample s : others) notDeclarations.add(s.bytes());
        notDeclarations.add(("<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\"><md:WCOTypeName>RES</md:WCOTypeName>"
                + "<Response xmlns=\"urn:wco:datamodel:WCO:RES-DMS:2\"><FunctionCode>01</FunctionCode></Response></md:MetaData>")
                .getBytes(StandardCharsets.UTF_8));
        int rejected = 0;
        for (byte[] body : notDeclarations) {
            ApiClient.Response r = api.post("/api/v1/declarations", ADMIN, XML, body);
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("code").asText()).startsWith("XML_");
            rejected++;
        }

        System.out.println("WCO samples via API: " + originals.size() + " originals -> " + accepted + " accepted, "
                + duplicates + " duplicates (same declarant+LRN); " + amendments.size() + " amendments -> " + applied
                + " applied, " + withoutOriginal.size() + " without original in the folder " + withoutOriginal + "; "
                + rejected + " rejected (" + others.size() + " sample files + 1 synthetic notification)");
        assertThat(accepted + duplicates).isEqualTo(originals.size());
        assertThat(applied + withoutOriginal.size()).isEqualTo(amendments.size());
    }

    /** The original sample for an amendment: same scenario prefix (e.g. TT_IM016a), else same scenario number (TT_IM005). */
    static String originalOf(String amendment, List<Sample> originals) {
        Matcher m = SCENARIO.matcher(amendment);
        if (!m.find()) return null;
        String exact = m.group(1) + m.group(2) + "__";
        String number = m.group(1);
        for (Sample o : originals) if (o.name().startsWith(exact)) return o.name();
        for (Sample o : originals) if (o.name().startsWith(number)) return o.name();
        return null;
    }

    private String officerToken;

    private String officer() {
        if (officerToken == null) {
            officerToken = org.smartcustoms.server.TestUsers.token(users, org.smartcustoms.server.security.Role.OFFICER, null);
        }
        return officerToken;
    }
}
