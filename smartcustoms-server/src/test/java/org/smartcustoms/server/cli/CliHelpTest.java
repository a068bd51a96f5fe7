package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.BuildVersion;
import org.springframework.mock.env.MockEnvironment;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line explains itself: every option and parameter of every command has a description, no help text
 * makes picocli warn, {@code --version} is the build's version, {@code import --help} documents its exit status, and
 * {@code serve} announces the address it answers at.
 */
class CliHelpTest {

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        walk(new CommandLine(new SmartCustomsCli()), undescribed, commands);
        assertThat(commands).contains("smartcustoms serve", "smartcustoms import", "smartcustoms model evaluate",
                "smartcustoms tariff search", "smartcustoms bench risk", "smartcustoms user");
        assertThat(undescribed).as("options and parameters without a description").isEmpty();
    }

    @Test
    void helpOfEveryCommandRendersWithoutWarnings() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> texts = new ArrayList<>();
        try {
            collectHelp(new CommandLine(new SmartCustomsCli()), texts);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("picocli warnings while rendering help").isEmpty();
        assertThat(texts).hasSizeGreaterThan(15).noneMatch(t -> t.contains("%n") || t.contains("[picocli"));
    }

    @Test
    void importHelpDocumentsTheExitStatusForRejectedRows() {
        String help = new CommandLine(new SmartCustomsCli()).getSubcommands().get("import").getUsageMessage();
        assertThat(help).contains("Exit status:").containsPattern("\\b3\\s+some rows were rejected")
                .containsPattern("\\b0\\s+every row was accepted");
        assertThat(ImportCommand.ROWS_REJECTED).isEqualTo(3);
    }

    @Test
    void versionIsTheBuildsVersion() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SmartCustomsCli());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString().trim()).isEqualTo("SMART Customs " + BuildVersion.current());
        assertThat(BuildVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void serveAnnouncesWhereItAnswers() {
        MockEnvironment env = new MockEnvironment().withProperty("local.server.port", "8106");
        assertThat(ServeCommand.readyLine(env)).isEqualTo("SMART Customs ready at http://localhost:8106/");
        env.setProperty("server.address", "0.0.0.0");
        assertThat(ServeCommand.readyLine(env)).isEqualTo("SMART Customs ready at http://localhost:8106/");
        env.setProperty("server.address", "10.1.2.3");
        assertThat(ServeCommand.readyLine(env)).isEqualTo("SMART Customs ready at http://10.1.2.3:8106/");
        env.setProperty("server.address", "::1");
        assertThat(ServeCommand.readyLine(env)).isEqualTo("SMART Customs ready at http://[::1]:8106/");
    }

    private static void walk(CommandLine cl, List<String> undescribed, List<String> commands) {
        CommandSpec spec = cl.getCommandSpec();
        commands.add(spec.qualifiedName());
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec a : args) {
            String text = String.join(" ", a.description()).trim();
            if (text.isEmpty()) undescribed.add(spec.qualifiedName() + " " + a.paramLabel()
                    + (a.isOption() ? " (" + String.join(",", ((CommandLine.Model.OptionSpec) a).names()) + ")" : ""));
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) walk(sub, undescribed, commands);
        }
    }

    private static void collectHelp(CommandLine cl, List<String> texts) {
        texts.add(cl.getUsageMessage());
        for (CommandLine sub : cl.getSubcommands().values()) collectHelp(sub, texts);
    }
}
