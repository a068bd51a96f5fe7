package org.smartcustoms.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.json.DeclarationJson;

/** Function codes are parsed in one place; every reader refuses an unknown one with the same violation. */
class FunctionCodeTest {
    private final DeclarationJson json = new DeclarationJson();

    private static String example() throws IOException {
        try (InputStream in = DeclarationJson.class.getResourceAsStream("declaration-import.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesTheWcoCodes() {
        assertThat(FunctionCode.parse("9")).contains(FunctionCode.ORIGINAL);
        assertThat(FunctionCode.parse(" 13 ")).contains(FunctionCode.AMENDMENT);
        assertThat(FunctionCode.parse("01")).contains(FunctionCode.CANCELLATION);
        assertThat(FunctionCode.parse("5")).isEmpty();
        assertThat(FunctionCode.parse("0")).isEmpty();
        assertThat(FunctionCode.parse("")).isEmpty();
        assertThat(FunctionCode.of(null)).isEqualTo(FunctionCode.ORIGINAL);
        assertThat(FunctionCode.of(" ")).isEqualTo(FunctionCode.ORIGINAL);
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> FunctionCode.of("ORIGINAL"));
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("FUNCTION_CODE");
            assertThat(v.path()).isEqualTo("functionCode");
            assertThat(v.message()).contains("'ORIGINAL'").contains("9 (original)");
        });
    }

    @Test
    void jsonWritesTheCodeAndReadsStringsAndNumbers() throws IOException {
        Declaration d = json.read(example().replace("\"functionCode\" : \"9\"", "\"functionCode\" : 13, \"referencedId\" : \"26GB1\""));
        assertThat(d.functionCode()).isEqualTo(FunctionCode.AMENDMENT);
        assertThat(d.isAmendment()).isTrue();
        assertThat(json.writeString(d)).contains("\"functionCode\":\"13\"");
        assertThat(json.read(json.write(d))).isEqualTo(d);
        assertThat(json.read(example().replace("\"functionCode\" : \"9\",", "")).functionCode()).isEqualTo(FunctionCode.ORIGINAL);
    }

    @Test
    void anUnknownCodeInJsonIsTheFunctionCodeViolation() throws IOException {
        String body = example();
        assertThat(body).contains("\"functionCode\" : \"9\"");
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class,
                () -> json.read(body.replace("\"functionCode\" : \"9\"", "\"functionCode\" : \"5\"")));
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(FunctionCode.VIOLATION);
            assertThat(v.path()).isEqualTo("functionCode");
            assertThat(v.message()).startsWith("unknown function code '5'");
        });
    }
}
