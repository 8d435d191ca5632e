package dev.pglab.ci.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The reactor as the A/B gate needs it, read from the poms: each module's directory, its dependencies on other
 * modules of the reactor (any scope), and its properties. {@link #affected} answers which modules a change can
 * make slower: those with a changed file, and every module that depends on one of them, transitively.
 */
public record ReactorModules(Map<String, Module> modules) {

    /** One module: directory name (= artifactId here), the reactor modules it depends on, its properties. */
    public record Module(String dir, String artifactId, Set<String> dependsOn, Map<String, String> properties) {
    }

    /** Files that change every module's build: the parent pom, the wrapper. */
    private static final List<String> BUILD_WIDE = List.of("pom.xml", "mvnw", ".mvn/");

    public static ReactorModules read(Path root) throws IOException {
        Element parent = parse(root.resolve("pom.xml"));
        String groupId = text(parent, "groupId");
        Map<String, Module> modules = new LinkedHashMap<>();
        for (Element m : children(child(parent, "modules"), "module")) {
            String dir = m.getTextContent().trim();
            Path pom = root.resolve(dir).resolve("pom.xml");
            if (!Files.exists(pom)) {
                continue;
            }
            Element project = parse(pom);
            Set<String> deps = new TreeSet<>();
            for (Element d : children(child(project, "dependencies"), "dependency")) {
                if (groupId.equals(text(d, "groupId"))) {
                    deps.add(text(d, "artifactId"));
                }
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (Element p : children(child(project, "properties"), null)) {
                props.put(p.getTagName(), p.getTextContent().trim());
            }
            modules.put(dir, new Module(dir, text(project, "artifactId"), deps, props));
        }
        return new ReactorModules(modules);
    }

    /**
     * The modules a change to {@code changedFiles} (paths relative to the root) can affect. Documentation
     * ({@code *.md}) changes nothing; a build-wide file (parent pom, wrapper) affects every module.
     */
    public Set<String> affected(Collection<String> changedFiles) {
        Set<String> touched = new TreeSet<>();
        for (String f : changedFiles) {
            if (f.endsWith(".md")) {
                continue;
            }
            if (BUILD_WIDE.stream().anyMatch(w -> w.endsWith("/") ? f.startsWith(w) : f.equals(w))) {
                return new TreeSet<>(modules.keySet());
            }
            int slash = f.indexOf('/');
            if (slash > 0 && modules.containsKey(f.substring(0, slash))) {
                touched.add(f.substring(0, slash));
            }
        }
        Map<String, String> dirByArtifact = new LinkedHashMap<>();
        modules.values().forEach(m -> dirByArtifact.put(m.artifactId(), m.dir()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Module m : modules.values()) {
                if (!touched.contains(m.dir()) && m.dependsOn().stream().map(dirByArtifact::get).anyMatch(touched::contains)) {
                    touched.add(m.dir());
                    grew = true;
                }
            }
        }
        return touched;
    }

    /** A property of a module as a list of non-blank lines (e.g. {@code pglab.ab.sentinels}). */
    public List<String> lines(String module, String property) {
        Module m = modules.get(module);
        String v = m == null ? null : m.properties().get(property);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String line : v.split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    private static Element parse(Path pom) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(pom.toFile());
            return doc.getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(pom + ": not a readable pom (" + e.getMessage() + ")", e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent, name)) {
            return e;
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && (name == null || name.equals(e.getTagName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
