package io.cqrsshop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The resources of a kustomize overlay, rendered by {@code kubectl kustomize} as Kubernetes would.
 */
record RenderedManifests(String overlay, List<JsonNode> resources) {

  static RenderedManifests render(String overlay) {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Path dir = root.resolve("k8s/overlays").resolve(overlay);
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
