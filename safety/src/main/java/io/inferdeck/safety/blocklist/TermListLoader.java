package io.inferdeck.safety.blocklist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads term lists: UTF-8, one term per line, blank lines and {@code #} comments ignored. The category
 * is a {@code # category: NAME} header line, else the file name without extension. A directory loads
 * every {@code *.txt} in it, sorted by name so the result (and its config hash) is reproducible.
 */
public final class TermListLoader {
    /** The team's starter lists, shipped as resources. */
    public static final List<String> STARTER_LISTS = List.of(
            "violence.txt", "weapons.txt", "self_harm.txt", "hate.txt", "sexual.txt", "drugs.txt",
            "cybercrime.txt");
    private static final String RESOURCE_DIR = "/io/inferdeck/safety/blocklist/";

    private TermListLoader() {
    }

    public static List<TermList> starterLists() {
        List<TermList> out = new ArrayList<>();
        for (String file : STARTER_LISTS) {
            try (InputStream in = TermListLoader.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("starter list " + file + " missing from the jar");
                }
                out.add(read(file, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<TermList> load(Path fileOrDir) throws IOException {
        if (Files.isDirectory(fileOrDir)) {
            List<TermList> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(fileOrDir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    out.add(load1(p));
                }
            }
            return out;
        }
        return List.of(load1(fileOrDir));
    }

    private static TermList load1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        }
    }

    static TermList read(String name, InputStream in) throws IOException {
        String category = name.replaceFirst("\\.[^.]*$", "");
        List<String> terms = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    String h = t.substring(1).strip();
                    if (h.toLowerCase(Locale.ROOT).startsWith("category:")) {
                        category = h.substring("category:".length()).strip();
                    }
                } else if (!t.isEmpty()) {
                    terms.add(t);
                }
            }
        }
        return new TermList(name, category, terms);
    }
}
