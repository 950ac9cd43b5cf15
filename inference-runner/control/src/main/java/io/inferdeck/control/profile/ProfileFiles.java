package io.inferdeck.control.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.inferdeck.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes profiles as JSON ({@code .json}) or YAML ({@code .yaml}/{@code .yml}).
 * Reading is strict: unknown fields, wrong types and null primitives become {@link ProfileException}s
 * naming the field and line. Writing is atomic ({@link AtomicFiles}), so a crash never leaves a
 * half-written profile, and owner-only on POSIX, which matters because a profile may hold an API key.
 * Thread-safe: the mappers are configured once and never changed.
 */
public final class ProfileFiles {

    public enum Format { JSON, YAML }

    /** Jackson names the refused scalar only in its message: Cannot coerce String value ("big") to ... */
    private static final Pattern COERCE = Pattern.compile("Cannot coerce .*? value \\((.+?)\\) to");

    private static final ObjectMapper JSON = strict(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = strict(YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).build();

    private ProfileFiles() {
    }

    /** No silent conversions: 1.5 is not an int, "2048" is not a number, null is not 0. */
    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The format a file name implies; other extensions are refused rather than guessed. */
    public static Format formatOf(Path file) throws ProfileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Format.YAML;
        }
        throw new ProfileException(file.toString(),
                List.of(ProfileIssue.error("", "unsupported file type (use .json, .yaml or .yml)")));
    }

    /** Profiles are a few hundred bytes; anything past this is not one (and /dev/zero never ends). */
    public static final int MAX_BYTES = 1 << 20;

    /** Reads only a regular file (not a FIFO, device or directory, which could hang or never end) up to {@link #MAX_BYTES}. */
    public static DeploymentProfile load(Path file) throws IOException, ProfileException {
        Format format = formatOf(file);
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new ProfileException(file.toString(), List.of(ProfileIssue.error("", "not a regular file")));
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);   // bounded even if the file grows while it is read
        }
        if (bytes.length > MAX_BYTES) {
            throw new ProfileException(file.toString(), List.of(ProfileIssue.error("",
                    "larger than " + MAX_BYTES / 1024 + " KiB: not a profile")));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), format, file.toString());
    }

    /** @param source names the text in messages (a file name, "editor"...) */
    public static DeploymentProfile parse(String text, Format format, String source) throws ProfileException {
        return read(text, format, source, DeploymentProfile.class, "profile");
    }

    /**
     * Reads any record type by the profile rules (unknown field, wrong type or null primitive = an issue
     * naming the field and line), for other strict files such as the fleet inventory.
     *
     * @param what names the kind of file in the "empty ..." message
     */
    public static <T> T read(String text, Format format, String source, Class<T> type, String what) throws ProfileException {
        if (text.isBlank()) {
            throw new ProfileException(source, List.of(ProfileIssue.error("", "empty " + what)));
        }
        try {
            T value = mapper(format).readValue(text, type);
            if (value == null) {
                throw new ProfileException(source, List.of(ProfileIssue.error("", "empty " + what)));
            }
            return value;
        } catch (JacksonException e) {
            throw new ProfileException(source, List.of(redactKey(keyLine(describe(e), e, text), e, text)));
        }
    }

    /**
     * A record (property-based creator) buffers unknown fields and reports them at the end of its object, so
     * Jackson's line is past the field; point at the nearest line at or above it that spells the field as a key.
     */
    private static ProfileIssue keyLine(ProfileIssue issue, JacksonException e, String text) {
        JsonLocation loc = e.getLocation();
        if (!(e instanceof UnrecognizedPropertyException u) || loc == null || loc.getLineNr() < 1) {
            return issue;
        }
        Pattern key = Pattern.compile("^\\s*(-\\s*)?[\"']?" + Pattern.quote(u.getPropertyName()) + "[\"']?\\s*:");
        List<String> lines = text.lines().toList();
        for (int n = Math.min(loc.getLineNr(), lines.size()); n >= 1; n--) {
            Matcher m = key.matcher(lines.get(n - 1));
            if (m.find()) {
                String at = "(line " + n + ", column " + (lines.get(n - 1).indexOf(u.getPropertyName()) + 1) + ")";
                return ProfileIssue.error(issue.field(), issue.message().replaceFirst("\\(line \\d+, column \\d+\\)",
                        Matcher.quoteReplacement(at)));
            }
        }
        return issue;
    }

    public static String write(DeploymentProfile profile, Format format) {
        try {
            return mapper(format).writeValueAsString(profile);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a profile", e); // records always serialise
        }
    }

    /** Writes atomically: readers see the old file or the new one, never a mix. */
    public static void save(DeploymentProfile profile, Path file) throws IOException, ProfileException {
        AtomicFiles.writeString(file, write(profile, formatOf(file)));
    }

    private static ObjectMapper mapper(Format format) {
        return format == Format.JSON ? JSON : YAML;
    }

    /**
     * Jackson quotes offending values in its messages; when the problem is the API key, or sits on
     * the line that holds it, say where it is without echoing the value.
     */
    private static ProfileIssue redactKey(ProfileIssue issue, JacksonException e, String text) {
        JsonLocation loc = e.getLocation();
        List<String> lines = text.lines().toList();
        boolean keyLine = loc != null && loc.getLineNr() >= 1 && loc.getLineNr() <= lines.size()
                && lines.get(loc.getLineNr() - 1).contains("apiKey");
        if (issue.field().equals("apiKey") || keyLine) {
            String at = loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
            return ProfileIssue.error(issue.field().isEmpty() ? "apiKey" : issue.field(),
                    "invalid value" + at + ": expected a quoted string (value not shown: it may be a secret)");
        }
        return issue;
    }

    /** Turns Jackson's exception into one field-level issue with a line number. */
    static ProfileIssue describe(JacksonException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList())
                    .stream().collect(Collectors.joining(", "));
            String parent = path(u);   // Jackson's path ends with the unknown field itself
            String field = parent.contains(".") ? parent : u.getPropertyName();
            return ProfileIssue.error(field, "unknown field" + at + "; known fields: " + known);
        }
        String ours = ourMessage(e);
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String why = ours != null ? ours
                    : e instanceof MismatchedInputException mi ? expected(mi) : firstLine(e.getOriginalMessage());
            return ProfileIssue.error(path(m), "invalid value" + at + ": " + why);
        }
        if (e instanceof ValueInstantiationException && ours != null && ours.contains(": ")) {
            // at the root: DeploymentProfile's constructor says "field: problem"
            int colon = ours.indexOf(": ");
            return ProfileIssue.error(ours.substring(0, colon), ours.substring(colon + 2) + at);
        }
        return ProfileIssue.error("", "malformed file" + at + ": " + firstLine(e.getOriginalMessage()));
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Our own exceptions (enum spellings, null elements) carry the best message. */
    private static String ourMessage(JacksonException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof NullPointerException) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        String want = type == null ? "another type"
                : type == int.class || type == Integer.class ? "an integer"
                : type == double.class || type == Double.class ? "a number"
                : type == boolean.class || type == Boolean.class ? "true or false"
                : type == String.class ? "a string"
                : List.class.isAssignableFrom(type) ? "a list" : type.getSimpleName();
        Matcher coerce = COERCE.matcher(e.getOriginalMessage());
        String got = e instanceof InvalidFormatException f ? ", got " + f.getValue()
                : coerce.find() ? ", got " + coerce.group(1)
                : e.getOriginalMessage().contains("`null`") ? ", got null" : "";
        return "expected " + want + got;
    }

    /** Jackson's first sentence, without its "[Source: ...]" location noise (we print line/column). */
    private static String firstLine(String msg) {
        int cut = msg.length();
        for (String marker : new String[] {"\n", " at [Source", " (start marker", " (for "}) {
            int i = msg.indexOf(marker);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return msg.substring(0, cut);
    }
}
