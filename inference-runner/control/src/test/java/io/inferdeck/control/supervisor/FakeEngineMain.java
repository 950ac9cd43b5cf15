package io.inferdeck.control.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A stand-in for an external engine binary (llama-server, vllm, python3 -m sglang...) that we cannot install
 * here: started by the real launch path as a separate process, it reads {@code --host}/{@code --port} from the
 * argv the engine driver rendered, and serves what the engine documents — {@code /health}, {@code /v1/models},
 * {@code /v1/chat/completions} and {@code /metrics} from a recorded exposition (test resource named by the
 * first argument). {@code /inferdeck-test/argv} and {@code /inferdeck-test/env?name=X} let a test check what the
 * process was given (the key must be in the environment, never in argv); {@code /inferdeck-test/health-agents} lists
 * the User-Agent of every {@code /health} request with its count (which clients probe it), and after
 * {@code /inferdeck-test/hang} it accepts every request and never answers (a hung engine). A chat request may carry
 * {@code "delay_ms":N} (answered after N ms) and {@code "stream":true} (40 SSE events 100 ms apart, then
 * {@code [DONE]}): calls that stay in flight long enough for a test to stop the process under them. One thread per
 * request. Loopback only; ends with its parent's SIGTERM.
 */
public final class FakeEngineMain {
    static final String CHAT = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private FakeEngineMain() {
    }

    /**
     * An executable script in {@code dir} standing in for an engine's binary: this JVM's java running this class on
     * this JVM's class path, with {@code fixture} (a recorded metrics exposition) before the argv the driver renders.
     */
    public static java.nio.file.Path script(java.nio.file.Path dir, String fixture) throws IOException {
        java.nio.file.Path javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java");
        java.nio.file.Path script = dir.resolve("fake-engine");
        java.nio.file.Files.writeString(script, "#!/bin/sh\nexec '" + javaBin + "' -cp '" + System.getProperty("java.class.path")
                + "' " + FakeEngineMain.class.getName() + " " + fixture + " \"$@\"\n");
        java.nio.file.Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return script;
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
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Map<String, Integer> healthAgents = new ConcurrentHashMap<>();
        AtomicBoolean hung = new AtomicBoolean();
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (hung.get()) {
                    sleepForever();   // every later connection is accepted, none answered
                }
                if (path.equals("/v1/chat/completions") && slowChat(ex, request)) {
                    return;
                }
                if (path.equals("/health")) {
                    healthAgents.merge(String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")), 1, Integer::sum);
                }
                hung.compareAndSet(false, path.equals("/inferdeck-test/hang"));
                String body = switch (path) {
                    case "/health" -> "{}";
                    case "/v1/models" -> "{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}";
                    case "/v1/chat/completions" -> CHAT;
                    case "/metrics" -> metrics;
                    case "/inferdeck-test/argv" -> String.join("\n", argv);
                    case "/inferdeck-test/hang" -> "hanging from now on";
                    case "/inferdeck-test/health-agents" -> healthAgents.entrySet().stream()
                            .map(e -> e.getKey() + "\t" + e.getValue()).collect(Collectors.joining("\n"));
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

    private static final java.util.regex.Pattern DELAY = java.util.regex.Pattern.compile("\"delay_ms\":(\\d+)");

    /** Waits the request's {@code delay_ms}; a streamed request is answered here (true), a plain one is not. */
    private static boolean slowChat(com.sun.net.httpserver.HttpExchange ex, String request) throws IOException {
        java.util.regex.Matcher delay = DELAY.matcher(request);
        try {
            Thread.sleep(delay.find() ? Long.parseLong(delay.group(1)) : 0);
            if (!request.contains("\"stream\":true")) {
                return false;
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            var out = ex.getResponseBody();
            for (int i = 0; i < 40; i++) {
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + i + "\"}}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String after(List<String> argv, String flag) {
        int i = argv.indexOf(flag);
        if (i < 0 || i + 1 >= argv.size()) {
            throw new IllegalArgumentException("no " + flag + " in " + argv);
        }
        return argv.get(i + 1);
    }
}
