package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files checked by their own tools, as CI reports them: cfn-lint on {@code template.yaml},
 * actionlint on the workflows, shellcheck on every shell script of the repository, and {@code action.yml}
 * against GitHub's action metadata schema (SchemaStore's, vendored by check-jsonschema). A finding is fixed or
 * suppressed at its line with the reason; each is printed.
 */
class DeploymentLintTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

    record Result(int exit, String output) {}

    @Test
    void cfnLintFindsNothingInTheTemplate() {
        assertClean(run(Peers.tool("cfn-lint").toString(), "template.yaml"));
    }

    /** cfn-lint checks a SAM resource against SAM's schema; the stack SAM makes of it gets CloudFormation's. */
    @Test
    void cfnLintFindsNothingInTheStackTheSamTranslatorMakes(@TempDir Path dir) throws Exception {
        Path stack = Files.writeString(dir.resolve("deployed.json"), SamTransform.json(ROOT.resolve("template.yaml")));
        assertClean(run(Peers.tool("cfn-lint").toString(), stack.toString()));
    }

    @Test
    void actionlintFindsNothingInTheWorkflows() throws IOException {
        List<String> command = new ArrayList<>(List.of(Peers.tool("actionlint").toString(), "-no-color",
                "-shellcheck", Peers.tool("shellcheck").toString()));
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            files.filter(f -> f.toString().matches(".*\\.ya?ml")).map(ROOT::relativize).map(Path::toString).forEach(command::add);
        }
        assertTrue(command.size() > 4, "no workflow found");
        assertClean(run(command));
    }

    @Test
    void shellcheckFindsNothingInAnyShellScript() {
        List<Path> scripts = shellScripts();
        assertTrue(scripts.containsAll(List.of(Path.of(".ci/run"), Path.of("bin/chaos"))), scripts.toString());
        System.out.println("shellcheck: " + scripts);
        for (Path script : scripts) {
            // --external-sources: a `source` with a `# shellcheck source=` directive is checked as part of its script.
            List<String> command = new ArrayList<>(List.of(Peers.tool("shellcheck").toString(), "--external-sources"));
            // A script without a shebang is sourced by a bash one (.ci/run sources .ci/jdk.sh and .ci/setup.d/*).
            if (!firstLine(ROOT.resolve(script)).startsWith("#!")) command.addAll(List.of("--shell", "bash"));
            command.add(script.toString());
            assertClean(run(command));
        }
    }

    @Test
    void actionYmlFollowsGitHubsActionMetadataSchema() {
        assertClean(run(Peers.tool("check-jsonschema").toString(), "--builtin-schema", "vendor.github-actions", "action.yml"));
    }

    @Test
    void theWorkflowsFollowGitHubsWorkflowSchema() {
        assertClean(run(Peers.tool("check-jsonschema").toString(), "--builtin-schema", "vendor.github-workflows",
                ".github/workflows/ci.yml"));
    }

    /** The checks above would see a finding: the tools report it with a failing exit code. */
    @Test
    void aFindingFailsTheCheck(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("bad.sh"), "#!/bin/sh\nrm -rf $1/tmp\n");
        Result result = run(Peers.tool("shellcheck").toString(), script.toString());

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("SC2086"), result.output());
    }

    /** Every *.sh and every file whose shebang names a shell, relative to the repository's root. */
    static List<Path> shellScripts() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !inSkippedDirectory(ROOT.relativize(f)))
                    .filter(f -> f.toString().endsWith(".sh") || firstLine(f).matches("#!.*\\b(sh|bash|dash|ksh)\\b.*"))
                    .map(ROOT::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inSkippedDirectory(Path relative) {
        for (Path part : relative.getParent() == null ? List.<Path>of() : relative.getParent()) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) return true;
        }
        return false;
    }

    private static String firstLine(Path file) {
        try (var in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
            int end = head.indexOf('\n');
            return end < 0 ? head : head.substring(0, end);
        } catch (IOException e) {
            return "";
        }
    }

    private static void assertClean(Result result) {
        assertEquals(0, result.exit(), result.output());
    }

    private static Result run(String... command) {
        return run(List.of(command));
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            System.out.println(String.join(" ", command) + " -> " + exit + (output.isBlank() ? "" : "\n" + output));
            return new Result(exit, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
