package io.cqrsshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link in the README and in docs/ resolves: relative links to a file or folder of the
 * repository, anchors to a heading of the page they name (GitHub's heading ids).
 */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

  @Test
  void readme_isShort() throws IOException {
    assertThat(Files.size(ROOT.resolve("README.md"))).isLessThan(12 * 1024);
  }

  @Test
  void everyLink_resolves() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String text = FENCE.matcher(read(page)).replaceAll("");
      Matcher links = LINK.matcher(text);
      while (links.find()) {
        String target = links.group(1);
        if (target.startsWith("http://")
            || target.startsWith("https://")
            || target.startsWith("mailto:")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : "";
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (!anchor.isEmpty() && !anchors(resolved).contains(anchor)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** GitHub's ids of a page's headings: lower case, punctuation dropped, spaces to hyphens. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new HashSet<>();
    if (!page.toString().endsWith(".md")) {
      return anchors;
    }
    for (String line : FENCE.matcher(read(page)).replaceAll("").split("\n")) {
      if (line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
