package org.smartcustoms.server.web;

import org.smartcustoms.server.BuildVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document ({@code /v3/api-docs}, browsable at {@code /api-docs.html}): its title, the build's version
 * and the bearer-token scheme every {@code /api/**} operation requires, so that "Authorize" in the browsable page
 * sends {@code Authorization: Bearer <token>}. Login itself needs no token ({@code @SecurityRequirements} empty on
 * the operation).
 */
@Configuration
public class OpenApiConfig {
    /** Name of the security scheme in the document. */
    public static final String BEARER = "bearer";

    @Bean
    OpenAPI smartCustomsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("SMART Customs API").version(BuildVersion.current())
                        .description("Customs clearance and risk management: declarations, tariff and duty, risk rules, watch "
                                + "lists and models, control, post-clearance audit and the audit trail. Every call needs "
                                + "Authorization: Bearer <token> (POST /api/v1/auth/login gives one for a username and "
                                + "password; administrators issue API tokens). Errors are RFC 7807 application/problem+json."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A session token from POST /api/v1/auth/login or an API token issued by an administrator.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
