package dev.autocentric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark report: {@code report.json} holds {@code machine} and {@code sections} (one object
 * per benchmark, by name, each with its figures and its {@code markdown}); {@code report.md} is
 * made from it. A run replaces only the sections it measured.
 */
final class Report {

    /** One benchmark's results. */
    record Section(String name, ObjectNode figures, String markdown) {
    }

    private final Path folder;
    private final Map<String, JsonNode> sections = new TreeMap<>();

    private Report(Path folder) {
        this.folder = folder;
    }

    static Report open(Path folder) throws IOException {
        Report report = new Report(folder);
        Path json = folder.resolve("report.json");
        if (Files.isRegularFile(json)) {
            JsonNode old = Json.tree(Files.readString(json)).path("sections");
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                report.sections.put(e.getKey(), e.getValue());
            }
        }
        return report;
    }

    void put(Section section) {
        ObjectNode node = section.figures().deepCopy();
        node.put("machine", machine());
        node.put("markdown", section.markdown());
        sections.put(section.name(), node);
    }

    Path jsonFile() {
        return folder.resolve("report.json");
    }

    Path markdownFile() {
        return folder.resolve("report.md");
    }

    void write() throws IOException {
        Files.createDirectories(folder);
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode all = root.putObject("sections");
        sections.forEach(all::set);
        Files.writeString(jsonFile(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        StringBuilder md = new StringBuilder("# AutoCentric benchmarks\n\n")
                .append("Written by `make bench` (infra/bench); each section names the run and machine it was measured on.\n");
        sections.forEach((name, node) -> md.append("\n## ").append(name).append("\n\n")
                .append("Machine: ").append(node.path("machine").asText()).append("\n\n")
                .append(node.path("markdown").asText().strip()).append("\n"));
        Files.writeString(markdownFile(), md.toString());
    }

    /** Cores, CPU model, memory, JDK and OS of this run. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the model stays unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " at the start";
        } catch (IOException | RuntimeException ignored) {
            // not Linux: no load figure
        }
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, %s %s (%s), %s %s%s",
                Runtime.getRuntime().availableProcessors(), cpu, memory / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name"), System.getProperty("os.arch"), load);
    }
}
