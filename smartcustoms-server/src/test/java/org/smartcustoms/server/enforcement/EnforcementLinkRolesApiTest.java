package org.smartcustoms.server.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.risk.Reason;
import org.smartcustoms.server.ApiClient;
import org.smartcustoms.server.ApiTest;
import org.smartcustoms.server.ApiTestSupport;
import org.smartcustoms.server.OnH2;
import org.smartcustoms.server.OwnContext;
import org.smartcustoms.server.TestUsers;
import org.smartcustoms.server.WorkspaceFixtures;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.security.Role;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code smartcustoms.enforcement.seizure-link-roles} with the declarant and the exporter: a seizure at inspection
 * links them too, and the exporter's next declaration (for another importer) is targeted with the reason. Its own
 * context: with these roles, the seizures that other classes record on the shared fixture declaration would link its
 * shared declarant and exporter, and every later declaration of the shared context would be RED.
 */
@OnH2
@ApiTest
@OwnContext("links the declarant and exporter of seized declarations; in the shared context that would target every class's fixture parties")
@TestPropertySource(properties = "smartcustoms.enforcement.seizure-link-roles=IMPORTER, CONSIGNEE, DECLARANT, EXPORTER")
class EnforcementLinkRolesApiTest extends ApiTestSupport {

    @Test
    void aSeizureLinksTheDeclarantAndExporterAndTheExportersNextDeclarationIsTargeted() {
        String u = TestUsers.unique().toUpperCase();
        String officer = TestUsers.token(users, "officer-" + u, Role.OFFICER, null);
        EnforcementFixtures ef = new EnforcementFixtures(intake);
        String exporter = "CN7" + u;
        String exporterName = "Bright Export " + u + " Co Ltd";
        String first = ef.declare("JP6" + u, "Importer " + u, LocalDate.now(), exporter, exporterName);
        new WorkspaceFixtures(intake, jdbc).underControl(first, 75, "RED", List.of());
        ApiClient.Response r = api.post("/api/v1/declarations/" + first + "/inspection", officer, JSON, """
                {"outcome": "PROHIBITED_GOODS", "seizure": {"goods": "heroin", "quantity": 3, "unit": "KG",
                 "concealment": "lamp bases"}, "decision": "KEEP_UNDER_CONTROL"}""");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);

        String seizure = jdbc.queryForObject("SELECT to_id FROM enf_link WHERE from_type = 'DECLARATION' AND from_id = ?", String.class, first);
        assertThat(jdbc.queryForList("SELECT role FROM enf_link WHERE to_type = 'SEIZURE' AND to_id = ? AND from_type = 'COMPANY'",
                String.class, seizure)).containsExactlyInAnyOrder("IMPORTER", "DECLARANT", "EXPORTER");
        assertThat(jdbc.queryForObject("SELECT party_id FROM enf_company c JOIN enf_link l ON l.from_id = c.id"
                + " WHERE l.to_id = ? AND l.role = 'EXPORTER'", String.class, seizure)).isEqualTo(exporter);

        // another importer, same exporter (also the seller, listed first): targeted, the reason names the company once
        String next = ef.declare("JP5" + u, "Another Importer " + u, LocalDate.now(), exporter, exporterName);
        StoredDeclaration d = intake.store().find(next).orElseThrow();
        assertThat(d.risk().reasons()).filteredOn(x -> x.source() == Reason.Source.ENFORCEMENT).singleElement()
                .satisfies(x -> assertThat(x.text()).isEqualTo("seller matches " + exporterName.toUpperCase() + " (trader id " + exporter
                        + "), linked to seizure " + seizure + ": 3 kg heroin in lamp bases, " + LocalDate.now().toString().substring(0, 7)));
        assertThat(d.riskChannel()).isEqualTo("RED");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheAllowedOnes() {
        assertThat(EnforcementService.linkRoles(" importer,exporter ,")).containsExactlyInAnyOrder(PartyRole.IMPORTER, PartyRole.EXPORTER);
        assertThatThrownBy(() -> EnforcementService.linkRoles("IMPORTER,BROKER"))
                .hasMessageContaining("unknown party role 'BROKER'").hasMessageContaining("DECLARANT");
    }
}
