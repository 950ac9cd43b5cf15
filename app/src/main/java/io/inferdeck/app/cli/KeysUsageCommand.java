package io.inferdeck.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferdeck.control.gateway.keys.KeyUsage;
import io.inferdeck.services.keys.KeyService;
import io.inferdeck.services.keys.KeysSnapshot;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inferdeck keys usage}: requests, tokens and errors per key per UTC day, as the gateways wrote them. */
@Command(name = "usage", description = "Usage per key per day (UTC): requests, tokens in/out, errors. Gateways write it every few seconds.")
final class KeysUsageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysCommand.Db db;
    @Option(names = "--days", defaultValue = "7", paramLabel = "N", description = "Today and the N-1 days before (default ${DEFAULT-VALUE}).")
    int days;
    @Option(names = "--json", description = "One JSON object: {from, usage: [{day, keyId, name, requests, tokensIn, tokensOut, errors}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (days < 1) {
            throw CliError.badInput("--days must be at least 1", null);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KeyService keys = db.open()) {
            KeysSnapshot s = keys.read(days);
            if (json) {
                out.println(json(s));
                return 0;
            }
            out.printf("%-10s  %-9s  %-24s %9s %11s %11s %7s%n", "day", "key", "name", "requests", "tokens in", "tokens out", "errors");
            for (KeyUsage u : s.usage()) {
                out.printf("%-10s  %-9s  %-24s %9d %11d %11d %7d%n", u.day(), u.keyId(), s.nameOf(u.keyId()).orElse("?"),
                        u.requests(), u.tokensIn(), u.tokensOut(), u.errors());
            }
        }
        return 0;
    }

    private static String json(KeysSnapshot s) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("from", s.from().toString());
        ArrayNode rows = root.putArray("usage");
        for (KeyUsage u : s.usage()) {
            ObjectNode o = rows.addObject();
            o.put("day", u.day().toString());
            o.put("keyId", u.keyId());
            s.nameOf(u.keyId()).ifPresentOrElse(n -> o.put("name", n), () -> o.putNull("name"));
            o.put("requests", u.requests());
            o.put("tokensIn", u.tokensIn());
            o.put("tokensOut", u.tokensOut());
            o.put("errors", u.errors());
        }
        return root.toString();
    }
}
