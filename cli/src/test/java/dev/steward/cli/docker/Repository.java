package dev.steward.cli.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The checkout the tests run in: its root, the parent POM's modules, and files read as text. */
final class Repository {

  private final Path root;

  private Repository(Path root) {
    this.root = root;
  }

  /** The nearest folder above the working directory whose pom.xml lists modules (Maven runs tests in the module). */
  static Repository find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
        return new Repository(dir);
      }
    }
    throw new IllegalStateException("no parent pom.xml with <modules> above " + Path.of("").toAbsolutePath());
  }

  Path root() {
    return root;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  String text(String relative) {
    return read(path(relative));
  }

  /** Every {@code <module>} of the parent POM, in order. */
  List<String> modules() {
    try {
      Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path("pom.xml").toFile());
      NodeList nodes = pom.getElementsByTagName("module");
      List<String> modules = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        modules.add(nodes.item(i).getTextContent().strip());
      }
      return modules;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the module list of " + path("pom.xml"), e);
    }
  }

  /** The Java files under src/main of every module: the code that ships in the image. */
  List<Path> mainSources() {
    List<Path> sources = new ArrayList<>();
    for (String module : modules()) {
      Path main = path(module).resolve("src/main/java");
      if (Files.isDirectory(main)) {
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return sources;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
