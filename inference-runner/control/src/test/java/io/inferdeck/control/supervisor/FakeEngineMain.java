package io.inferdeck.control.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for an external engine binary (llama-server, vllm, python3 -m sglang...) that we cannot install
 * here: started by the real launch path as a separate process, it reads {@code --host}/{@code --port} from the
 * argv the engine driver rendered, and serves what the engine documents — {@code /health}, {@code /v1/models},
 * {@code /v1/chat/completions} and {@code /metrics} from a recorded exposition (test resource named by the
 * first argument). {@code /inferdeck-test/argv} and {@code /inferdeck-test/env?name=X} let a test check what the
 * process was given (the key must be in the environment, never in argv). Loopback only; ends with its parent's
 * SIGTERM.
 */
public final class FakeEngineMain {
    static final String CHAT = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private FakeEngineMain() {
    }

    public static void main(String[] args) throws IOException {
        String fixture = args[0];
        List<String> argv = Arrays.asList(args).subList(1, args.length);
        String host = after(argv, "--host");
        int port = Integer.parseInt(after(argv, "--port"));
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("the fake engine binds loopback only, not " + host);
        }
        String metrics;
        try (InputStream in = FakeEngineMain.class.getResourceAsStream("/io/inferdeck/control/metrics/" + fixture)) {
            metrics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                ex.getRequestBody().readAllBytes();
                String body = switch (path) {
                    case "/health" -> "{}";
                    case "/v1/models" -> "{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}";
                    case "/v1/chat/completions" -> CHAT;
                    case "/metrics" -> metrics;
                    case "/inferdeck-test/argv" -> String.join("\n", argv);
                    case "/inferdeck-test/env" -> String.valueOf(System.getenv(ex.getRequestURI().getQuery().substring(5)));
                    default -> null;
                };
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", path.equals("/metrics") ? "text/plain; version=0.0.4" : "application/json");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
        System.out.println("fake engine (" + fixture + ") listening on " + host + ":" + port);
    }

    private static String after(List<String> argv, String flag) {
        int i = argv.indexOf(flag);
        if (i < 0 || i + 1 >= argv.size()) {
            throw new IllegalArgumentException("no " + flag + " in " + argv);
        }
        return argv.get(i + 1);
    }
}
