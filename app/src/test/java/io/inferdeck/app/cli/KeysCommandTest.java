package io.inferdeck.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferdeck.control.gateway.keys.KeyStore;
import io.inferdeck.control.gateway.keys.KeyUsage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code inferdeck keys add|list|revoke|usage}: what an operator sees, exit codes included. */
class KeysCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path db() {
        return dir.resolve("keys.db");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = InferDeckCli.configure(new CommandLine(new KeysCommand()));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] withDb = Stream.concat(Stream.of(args), Stream.of("--db", db().toString())).toArray(String[]::new);
        return cmd.execute(withDb);
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    private String errLine() {
        assertThat(err.toString().lines().toList()).as(err.toString()).hasSize(1);
        return err.toString().strip();
    }

    @Test
    void addPrintsTheKeyOnceAndListNeverShowsIt() throws Exception {
        assertThat(run("add", "ci", "--rpm", "60", "--tpm", "10000", "--concurrency", "4")).isZero();
        String key = out.toString().strip();
        assertThat(outLines()).hasSize(1);
        assertThat(key).startsWith("idk-");
        assertThat(errLine()).startsWith("inferdeck keys add: key 'ci' (id k").contains("cannot be shown again");
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            assertThat(s.lookup(key)).isPresent();
        }

        assertThat(run("add", "batch")).isZero();
        assertThat(run("list")).isZero();
        assertThat(outLines()).hasSize(3);
        assertThat(outLines().get(0)).contains("id", "name", "rpm", "tpm", "conc", "created", "revoked");
        assertThat(outLines().get(1)).contains("ci").containsPattern("60 +10000 +4");
        assertThat(outLines().get(2)).contains("batch").containsPattern("- +- +-");
        assertThat(out.toString()).doesNotContain(key).doesNotContain("idk-");
    }

    @Test
    void badNamesLimitsAndDuplicatesAreBadInput() {
        assertThat(run("add", "ci")).isZero();
        assertThat(run("add", "ci")).isEqualTo(2);
        assertThat(errLine()).startsWith("inferdeck keys add: an active key named 'ci' exists already").contains("keys list");
        assertThat(run("add", "has space")).isEqualTo(2);
        assertThat(errLine()).contains("must be 1-64 letters");
        assertThat(run("add", "x", "--rpm", "0")).isEqualTo(2);
        assertThat(errLine()).contains("at least 1");
        assertThat(run("add", "x", "--tpm", "lots")).isEqualTo(2);
        assertThat(errLine()).contains("--tpm");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void revokeByNameOrIdOnceUnknownIsBadInput() throws Exception {
        run("add", "ci");
        run("add", "other");
        String otherId;
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            otherId = s.list().get(1).id();
        }
        assertThat(run("revoke", "ci")).isZero();
        assertThat(outLines()).singleElement().asString().startsWith("revoked key 'ci' (id k");
        assertThat(run("revoke", otherId)).isZero();
        assertThat(run("revoke", otherId)).isEqualTo(2);
        assertThat(errLine()).contains("revoked already");
        assertThat(run("revoke", "nobody")).isEqualTo(2);
        assertThat(errLine()).isEqualTo("inferdeck keys revoke: no active key named or with id 'nobody' — `inferdeck keys list` shows the keys");
        assertThat(run("list")).isZero();
        assertThat(outLines().subList(1, 3)).allSatisfy(l -> assertThat(l).doesNotEndWith(" -"));
    }

    @Test
    void usageAsATableAndAsJson() throws Exception {
        run("add", "ci");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String id;
        try (KeyStore s = KeyStore.open(db(), Clock.systemUTC())) {
            id = s.list().getFirst().id();
            s.addUsage(List.of(new KeyUsage(today, id, 12, 340, 560, 2), new KeyUsage(today.minusDays(10), id, 1, 1, 1, 0),
                    new KeyUsage(today, "profile", 3, 30, 60, 0)));
        }
        assertThat(run("usage")).isZero();
        assertThat(outLines()).hasSize(3);
        assertThat(outLines().get(1)).contains(today.toString(), id, "ci").containsPattern("12 +340 +560 +2");
        assertThat(outLines().get(2)).contains("profile", "(profile apiKey)");
        assertThat(run("usage", "--days", "11", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("from").asText()).isEqualTo(today.minusDays(10).toString());
        assertThat(json.path("usage")).hasSize(3);
        JsonNode first = json.path("usage").get(0);
        assertThat(first.path("name").asText()).isEqualTo("ci");
        assertThat(first.path("tokensOut").asLong()).isEqualTo(560);
        assertThat(run("usage", "--days", "0")).isEqualTo(2);
        assertThat(errLine()).contains("--days must be at least 1");
    }

    @Test
    void aDamagedKeyDatabaseIsOneLineMovedAsideAndReplaced() throws Exception {
        byte[] junk = new byte[16384];
        new Random(14).nextBytes(junk);
        Files.write(db(), junk);
        assertThat(run("list")).isEqualTo(1);
        assertThat(errLine()).startsWith("inferdeck keys list: key database " + db() + " is damaged")
                .contains("moved it to keys.db.corrupt-").contains("sqlite3 ").contains(".recover");
        try (Stream<Path> files = Files.list(dir)) {
            Path kept = files.filter(p -> p.getFileName().toString().startsWith("keys.db.corrupt-")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(kept)).isEqualTo(junk);
        }
        assertThat(run("add", "ci")).as("a fresh database from now on").isZero();
        assertThat(run("list")).isZero();
        assertThat(outLines()).hasSize(2);
    }
}
