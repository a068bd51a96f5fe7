package org.smartcustoms.server.tariff;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Once a nomenclature is imported, intake rejects commodity codes that do not exist in it. */
@ApiTest
@OnH2
@OwnContext("imports a nomenclature, which the server keeps for good (every tariff import is stored, none can be "
        + "withdrawn): in the shared database it would make every other class's commodity codes unknown")
class NomenclatureCheckApiTest extends ApiTestSupport {
    @Test
    void unknownSubheadingIsRejectedAfterANomenclatureImport() throws Exception {
        ApiClient api = new ApiClient(port);
        String trader = TestUsers.token(users, Role.TRADER, "GB123456789000");
        String body = new String(getClass().getResourceAsStream("/declaration-import.json").readAllBytes());
        // before: the demo nomenclature does not judge existence
        assertThat(api.post("/api/v1/declarations", trader, "application/json", body.replace("LRN-TEST-0001", "LRN-N1")).status())
                .isEqualTo(201);
        String nomenclature = "code,description,parent\n85,Electrical machinery,\n8504,Transformers and converters,85\n850440,Static converters,8504\n";
        ApiClient.Response imp = api.post("/api/v1/admin/tariff/nomenclature", ADMIN, "text/csv", nomenclature);
        assertThat(imp.status()).as(imp.toString()).isEqualTo(201);
        // after: item 2 (610910) is not in the imported nomenclature
        ApiClient.Response r = api.post("/api/v1/declarations", trader, "application/json", body.replace("LRN-TEST-0001", "LRN-N2"));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("code")).contains("HS_CODE_UNKNOWN");
        assertThat(r.json().get("errors").findValuesAsText("path")).contains("items[1].commodityCode");
    }
}
