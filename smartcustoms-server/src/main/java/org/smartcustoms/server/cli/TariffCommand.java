package org.smartcustoms.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.smartcustoms.server.tariff.TariffFileKind;
import org.smartcustoms.server.tariff.TariffService;
import org.smartcustoms.tariff.Classification;
import org.smartcustoms.tariff.CommodityCode;
import org.smartcustoms.tariff.SearchHit;
import org.smartcustoms.tariff.TariffDataException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tariff", mixinStandardHelpOptions = true, description = "Tariff data: import files, look up and search codes.",
        subcommands = {TariffCommand.Import.class, TariffCommand.Lookup.class, TariffCommand.Search.class})
class TariffCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a tariff file (validated whole: any error rejects the file, with line numbers). Formats: docs/tariff.md.")
    static class Import implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--kind", required = true, description = "hs, sections, nomenclature, rates or exchange-rates")
        String kind;

        @Parameters(paramLabel = "FILE", description = "The file to import (UTF-8).")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
            TariffFileKind k = TariffFileKind.parse(kind);
            try (ConfigurableApplicationContext ctx = options.offline()) {
                TariffService.ImportResult r = ctx.getBean(TariffService.class).importFile(k, file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8), "cli");
                System.out.printf("imported %s %s: %d lines; tariff now has %d nomenclature codes and %d rates%n",
                        r.kind(), r.name(), r.lines(), r.nomenclatureCodes(), r.rates());
                return 0;
            } catch (TariffDataException e) {
                System.err.println("rejected " + file + " (nothing imported):");
                e.errors().forEach(line -> System.err.println("  " + line));
                return 2;
            }
        }
    }

    @Command(name = "lookup", mixinStandardHelpOptions = true, description = "Show a code with its hierarchy.")
    static class Lookup implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Parameters(paramLabel = "CODE", description = "An HS or national commodity code, e.g. 210310.")
        String code;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                Classification c = ctx.getBean(TariffService.class).nomenclature().require(code, LocalDate.now(ctx.getBean(java.time.Clock.class)));
                for (CommodityCode node : c.path()) {
                    System.out.printf("%-10s %-10s %s%n", node.level(), node.code(), node.description());
                }
                return 0;
            }
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search the nomenclature by text.")
    static class Search implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--limit", defaultValue = "10", description = "Most codes to show (default ${DEFAULT-VALUE}).")
        int limit;

        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Words to search for, e.g. soy sauce.")
        java.util.List<String> words;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = options.offline()) {
                for (SearchHit h : ctx.getBean(TariffService.class).nomenclature().search(String.join(" ", words), LocalDate.now(ctx.getBean(java.time.Clock.class)), limit)) {
                    System.out.printf("%-10s %5.2f  %s%n", h.commodity().code(), h.score(), h.commodity().description());
                }
                return 0;
            }
        }
    }
}
