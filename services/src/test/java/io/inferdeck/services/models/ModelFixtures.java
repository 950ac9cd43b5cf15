package io.inferdeck.services.models;

import io.inferdeck.gguf.GgmlType;
import io.inferdeck.gguf.GgufSplits;
import io.inferdeck.gguf.GgufValue;
import io.inferdeck.gguf.GgufWriter;
import io.inferdeck.gguf.LlamaModelSpec;
import io.inferdeck.gguf.ModelGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Model files and store layouts for the scanner tests: real GGUF headers (the tiny model), links as the tools make them. */
final class ModelFixtures {
    private ModelFixtures() {
    }

    static Path tiny(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ModelGenerator.write(LlamaModelSpec.TINY, GgmlType.Q8_0, file);
        return file;
    }

    static Path junk(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not a model: some bytes long enough to be read as a header but with the wrong magic");
    }

    /** {@code count} parts as gguf-split names and marks them, each with one small F32 tensor. */
    static List<Path> split(Path dir, String prefix, int count) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            GgufWriter w = new GgufWriter().put("split.no", GgufValue.u32(i - 1)).put("split.count", GgufValue.u32(count));
            if (i == 1) {
                w.put("general.architecture", GgufValue.str("llama")).put("llama.context_length", GgufValue.u32(4096));
            }
            w.tensor("blk." + i + ".w", new long[] {32, 2}, GgmlType.F32, o -> o.write(new byte[32 * 2 * 4]));
            Path p = dir.resolve(new GgufSplits.Part(prefix, i, count).fileName(i));
            w.writeTo(p);
            out.add(p);
        }
        return out;
    }

    /** An Ollama manifest for {@code host/namespace/model/tag} whose model layer is {@code blob} (copied into blobs/ under its digest). */
    static Path ollama(Path root, String host, String namespace, String model, String tag, Path source) throws IOException {
        String hex = sha256(source);
        Path blob = root.resolve("blobs").resolve("sha256-" + hex);
        Files.createDirectories(blob.getParent());
        if (!Files.exists(blob)) {
            Files.copy(source, blob);
        }
        return manifest(root, host, namespace, model, tag, """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":10},
                 "layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":%d},
                           {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:%s","size":5}]}
                """.formatted("0".repeat(64), hex, Files.size(source), "1".repeat(64)));
    }

    static Path manifest(Path root, String host, String namespace, String model, String tag, String json) throws IOException {
        Path m = root.resolve("manifests").resolve(host).resolve(namespace).resolve(model).resolve(tag);
        Files.createDirectories(m.getParent());
        return Files.writeString(m, json);
    }

    /** {@code models--org--repo} with {@code file} in snapshot {@code rev} as a relative link into blobs/, as huggingface_hub writes it. */
    static Path hf(Path hub, String org, String repo, String rev, String file, Path source, boolean main) throws IOException {
        Path repoDir = hub.resolve("models--" + org + "--" + repo);
        String hex = sha256(source);
        Path blob = repoDir.resolve("blobs").resolve(hex);
        Files.createDirectories(blob.getParent());
        if (!Files.exists(blob)) {
            Files.copy(source, blob);
        }
        Path link = repoDir.resolve("snapshots").resolve(rev).resolve(file);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(blob));
        if (main) {
            Files.createDirectories(repoDir.resolve("refs"));
            Files.writeString(repoDir.resolve("refs").resolve("main"), rev);
        }
        return link;
    }

    static String sha256(Path file) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
