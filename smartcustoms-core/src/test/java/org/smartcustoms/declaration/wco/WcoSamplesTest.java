package org.smartcustoms.declaration.wco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.testing.SharedData;
import org.smartcustoms.testing.WcoSampleExpectation;

/**
 * Reads every DEC-DMS sample and compares the result with an independent expectation computed by DOM + XPath
 * over the same file (not through the reader's code), see {@link WcoSampleExpectation}.
 */
@Tag("shared-data")
class WcoSamplesTest {
    /** Raw-text test for "this file is an original": the Declaration's FunctionCode 9, whatever the namespace prefix. */
    static final Pattern ORIGINAL = Pattern.compile("<(?:\\w+:)?FunctionCode>\\s*9\\s*</(?:\\w+:)?FunctionCode>");

    private final WcoXmlReader reader = new WcoXmlReader();
    private final DeclarationJson json = new DeclarationJson();

    @Test
    void everySampleIsReadOrRejectedLikeTheXPathExpectationSays() throws Exception {
        Path dir = SharedData.require("wco-dec-dms/samples");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Map<String, Integer> outcome = new TreeMap<>();
        List<String> originalsNotParsed = new ArrayList<>();
        int goodsItems = 0;
        int originals = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            boolean original = ORIGINAL.matcher(new String(bytes, StandardCharsets.UTF_8)).find();
            if (original) originals++;
            WcoSampleExpectation x = WcoSampleExpectation.of(bytes);
            if (x.status() == WcoSampleExpectation.Status.NOT_WELL_FORMED) {
                InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(bytes));
                assertThat(e).as(name + ": not well-formed, must be rejected").isNotNull();
                assertThat(e.violations().get(0).code()).as(name).isEqualTo("XML_MALFORMED");
                assertThat(e.violations().get(0).message()).as(name).containsPattern("line \\d+, column \\d+");
                outcome.merge("rejected: not well-formed", 1, Integer::sum);
                if (original) originalsNotParsed.add(name);
                System.out.println("  rejected " + name + ": " + e.getMessage());
                continue;
            }
            if (x.status() == WcoSampleExpectation.Status.NOT_A_DECLARATION) {
                InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(bytes));
                assertThat(e).as(name + ": no DEC-DMS Declaration, must be rejected").isNotNull();
                assertThat(e.violations().get(0).code()).as(name).isEqualTo("XML_NOT_A_DECLARATION");
                System.out.println("  rejected " + name + ": " + e.getMessage());
                outcome.merge("rejected: no DEC-DMS Declaration", 1, Integer::sum);
                if (original) originalsNotParsed.add(name);
                continue;
            }
            String function = x.functionCode();
            Declaration d = reader.read(bytes);
            goodsItems += d.items().size();
            assertThat(json.read(json.write(d))).as(name + " survives the JSON form").isEqualTo(d);
            outcome.merge("parsed: FunctionCode " + function + (function.equals("13")
                    ? " TypeCode " + x.typeCode() : ""), 1, Integer::sum);
            if (x.commentsRepaired()) outcome.merge("  of which with '--' inside comments", 1, Integer::sum);

            assertThat(d.items()).as(name + " goods items").hasSize(x.itemCount());
            assertThat(d.items().stream().map(GoodsItem::commodityCode).toList()).as(name + " commodity codes")
                    .isEqualTo(x.commodityCodes());
            assertThat(d.lrn()).as(name).isEqualTo(x.lrn());

            switch (function) {
                case "9" -> {
                    assertThat(d.functionCode()).isEqualTo(FunctionCode.ORIGINAL);
                    assertThat(d.type().combined()).as(name).isEqualTo(x.typeCode());
                    assertThat(d.declarantId()).as(name + " declarant").isEqualTo(x.declarantId());
                }
                case "13" -> {
                    boolean invalidation = "INV".equals(x.typeCode());
                    assertThat(d.functionCode()).as(name)
                            .isEqualTo(invalidation ? FunctionCode.CANCELLATION : FunctionCode.AMENDMENT);
                    if (x.declarationId() != null) assertThat(d.referencedId()).as(name + " referencedId").isEqualTo(x.declarationId());
                    assertThat(reader.readMessage(bytes).changes()).as(name).hasSize(x.amendments());
                }
                default -> throw new AssertionError(name + ": unexpected FunctionCode " + function);
            }
        }
        System.out.println("WCO DEC-DMS samples: " + files.size() + " files, " + originals + " with FunctionCode 9, "
                + goodsItems + " goods items read");
        outcome.forEach((k, v) -> System.out.println("  " + v + " " + k));
        assertThat(originalsNotParsed).as("FunctionCode 9 samples the reader rejects").isEmpty();
        assertThat(outcome.getOrDefault("parsed: FunctionCode 9", 0)).isEqualTo(originals).isPositive();
    }
}
