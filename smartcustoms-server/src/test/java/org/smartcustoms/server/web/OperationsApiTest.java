package org.smartcustoms.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.BuildVersion;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.security.Role;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What operators and API clients see: metrics for administrators only (officers and traders 403, no token 401, all
 * problem+json; health stays open), an OpenAPI document with a real title, the build's version and the bearer scheme
 * on every operation but login, and the models page's promise: "rollbackTo" is given exactly when a rollback works.
 */
@ApiTest
@OnH2
// Spring Boot tests switch metric exporters off by default; the server has the Prometheus one on
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class OperationsApiTest extends ApiTestSupport {

    @Test
    void metricsAreForAdministratorsOnly() {
        String admin = token(Role.ADMIN, null);
        ApiClient.Response metrics = api.get("/actuator/metrics", admin);
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.json().get("names").toString()).contains("jvm.memory.used").contains("http.server.requests");
        ApiClient.Response one = api.get("/actuator/metrics/jvm.memory.used", admin);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        ApiClient.Response prometheus = api.get("/actuator/prometheus", admin);
        assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
        assertThat(prometheus.contentType()).startsWith("text/plain");
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");

        for (String path : new String[] {"/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/prometheus"}) {
            for (Role role : new Role[] {Role.OFFICER, Role.ANALYST, Role.AUDITOR, Role.TRADER}) {
                ApiClient.Response r = api.get(path, token(role, role == Role.TRADER ? "JP1234567890123" : null));
                assertProblem(r, 403, path + " as " + role);
            }
            assertProblem(api.get(path, null), 401, path + " without a token");
            assertProblem(api.get(path, "not-a-token"), 401, path + " with a wrong token");
        }
        // other actuator endpoints stay closed, even to administrators; health stays open to probes
        assertThat(api.get("/actuator/env", admin).status()).isIn(403, 404);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void openApiDocumentHasTitleVersionAndBearerScheme() {
        ApiClient.Response r = api.get("/v3/api-docs", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.at("/info/title").asText()).isEqualTo("SMART Customs API");
        assertThat(doc.at("/info/version").asText()).isEqualTo(BuildVersion.current()).isNotEqualTo("v0");
        assertThat(BuildVersion.current()).as("from META-INF/build-info.properties").matches("\\d+\\.\\d+\\.\\d+.*");
        JsonNode scheme = doc.at("/components/securitySchemes/bearer");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.get("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        // login needs no token: its operation overrides the document's requirement with none
        JsonNode login = doc.at("/paths/~1api~1v1~1auth~1login/post");
        assertThat(login.isMissingNode()).isFalse();
        assertThat(login.get("security").toString()).isEqualTo("[]");
        assertThat(doc.at("/paths/~1api~1v1~1declarations/post/security").isMissingNode()).as("other operations inherit bearer").isTrue();
    }

    @Test
    void rollbackIsOfferedExactlyWhenItWorks() {
        String admin = token(Role.ADMIN, null);
        ApiClient.Response models = api.get("/api/v1/models", admin);
        assertThat(models.status()).isEqualTo(200);
        JsonNode target = models.json().get("rollbackTo");
        ApiClient.Response back = api.post("/api/v1/models/rollback", admin, JSON, "{}");
        if (target == null) {
            assertProblem(back, 409, "rollback without an earlier production model");
            assertThat(back.json().get("detail").asText()).contains("no earlier production model");
        } else {
            assertThat(back.status()).as(back.toString()).isEqualTo(200);
            assertThat(back.json().get("promoted").asText()).isEqualTo(target.asText());
        }
        JsonNode promoted = api.get("/api/v1/models", admin).json().get("promoted");
        if (promoted != null) {
            ApiClient.Response again = api.post("/api/v1/models/" + promoted.asText() + "/promote", admin, JSON, "{}");
            assertProblem(again, 409, "promoting the model in production");
            assertThat(again.json().get("detail").asText()).contains("already in production");
        }
    }

    private static void assertProblem(ApiClient.Response r, int status, String what) {
        assertThat(r.status()).as(what + ": " + r).isEqualTo(status);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.body()).as(what).contains("\"status\":" + status).doesNotContain("Exception");
    }
}
