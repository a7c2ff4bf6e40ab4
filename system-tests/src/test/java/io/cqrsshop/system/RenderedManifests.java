package io.cqrsshop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The resources of a kustomize overlay, rendered by {@code kubectl kustomize} as Kubernetes would.
 */
record RenderedManifests(String overlay, List<JsonNode> resources) {

  static RenderedManifests render(String overlay) {
    return render(overlay, k8s().resolve("overlays").resolve(overlay));
  }

  /**
   * The overlay with one more of the components it lists as opt-in, added as an operator adds it:
   * to its {@code components}, in a copy of {@code k8s/} under {@code target/}.
   */
  static RenderedManifests renderWith(String overlay, String component) {
    try {
      Path copy =
          Path.of(System.getProperty("user.dir"), "target", "k8s-" + overlay + "-" + component);
      if (Files.exists(copy)) {
        try (Stream<Path> old = Files.walk(copy)) {
          old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      try (Stream<Path> files = Files.walk(k8s())) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(k8s().relativize(file).toString()));
        }
      }
      Path kustomization = copy.resolve("overlays").resolve(overlay).resolve("kustomization.yaml");
      String text = Files.readString(kustomization);
      if (!text.contains("\ncomponents:\n")) {
        throw new IllegalStateException(kustomization + " has no components list");
      }
      Files.writeString(
          kustomization, text.replace("\ncomponents:\n", "\ncomponents:\n  - " + component + "\n"));
      return render(overlay + "+" + component, kustomization.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path k8s() {
    return Path.of(System.getProperty("user.dir")).getParent().resolve("k8s");
  }

  private static RenderedManifests render(String overlay, Path dir) {
    try {
      Process kubectl =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] yaml = kubectl.getInputStream().readAllBytes();
      if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + dir + " failed");
      }
      List<JsonNode> resources = new ArrayList<>();
      try (MappingIterator<JsonNode> docs =
          new YAMLMapper()
              .readerFor(JsonNode.class)
              .readValues(new String(yaml, StandardCharsets.UTF_8))) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc != null && !doc.isEmpty()) {
            resources.add(doc);
          }
        }
      }
      return new RenderedManifests(overlay, resources);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run 'kubectl kustomize' (kubectl must be on the PATH)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<JsonNode> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream()
        .filter(r -> name.equals(r.path("metadata").path("name").asText()))
        .findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
  }
}
