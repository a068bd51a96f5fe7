package org.smartcustoms.server.travel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.smartcustoms.server.ApiClient;

/** Set-up shared by the travel API and browser tests. */
final class TravelFixtures {
    private TravelFixtures() { }

    /**
     * A person recorded by the intelligence unit and linked (as courier) to a seizure of 12 kg of cocaine in suitcase
     * lining on {@code seizedOn}: answers the person's and the seizure's ids.
     */
    static String[] personLinkedToSeizure(ApiClient api, String intelligenceToken, String name, LocalDate birth, String nationality2,
                                          LocalDate seizedOn) {
        ApiClient.Response person = api.post("/api/v1/enforcement/persons", intelligenceToken, "application/json", "{\"name\":"
                + AbstractTravelApiTest.q(name) + ",\"birthDate\":\"" + birth + "\",\"nationality\":\"" + nationality2 + "\"}");
        assertThat(person.status()).as(person.toString()).isEqualTo(201);
        String pid = person.json().get("id").asText();
        ApiClient.Response seizure = api.post("/api/v1/enforcement/seizures", intelligenceToken, "application/json", "{\"date\":\"" + seizedOn
                + "\",\"office\":\"JPNRT200\",\"detectionMethod\":\"DOG\",\"category\":\"DRUGS_COCAINE\",\"goods\":\"cocaine\","
                + "\"quantity\":12,\"unit\":\"KG\",\"concealment\":\"suitcase lining\",\"involved\":[{\"entity\":\"PERSON:" + pid
                + "\",\"role\":\"COURIER\"}]}");
        assertThat(seizure.status()).as(seizure.toString()).isEqualTo(201);
        return new String[] {pid, seizure.json().get("id").asText()};
    }
}
