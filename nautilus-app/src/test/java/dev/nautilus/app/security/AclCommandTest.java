package dev.nautilus.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.cli.NautilusCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./nautilus acl}: writes the file for the given prefix and form, says how to load it, prints no secret. */
class AclCommandTest {

    private static final String SECRET = "nautilus-test-secret-acl-command";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String configText, String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("nautilus.yaml"), configText);
        String[] full = new String[args.length + 3];
        full[0] = "--config";
        full[1] = config.toString();
        full[2] = "acl";
        System.arraycopy(args, 0, full, 3, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = NautilusCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(full), out.toString(), err.toString());
    }

    @Test
    void writesTheFileForThePrefixAndClusterFormAndSaysHowToLoadIt() throws Exception {
        Path file = dir.resolve("acl/users.acl");
        Run run =
                run("bus:\n  acl_secret: " + SECRET + "\n", "--out", file.toString(), "--prefix", "desk1", "--cluster");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("--aclfile", "ACL LOAD", "default user off")
                .doesNotContain(SECRET);
        String text = Files.readString(file);
        assertThat(text)
                .contains("user nautilus-risk reset on #", "~desk1:engine_logic:{risk_metric} ")
                .endsWith("user default reset\n")
                .doesNotContain(SECRET)
                .doesNotContain(BusAclSecret.of(SECRET).password("nautilus-risk"));
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void withoutTheSecretItSaysWhichVariableToSet() throws Exception {
        Run run = run("", "--out", dir.resolve("users.acl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("NAUTILUS_BUS_ACL_SECRET");
        assertThat(dir.resolve("users.acl")).doesNotExist();
    }
}
