package dev.shepherd.local.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the template tests find the repository's files (surefire passes the root as shepherd.repo.root). */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("shepherd.repo.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException("repository root not found at " + root + " (set -Dshepherd.repo.root)");
        }
        return root;
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    /** The official SAM schema, kept beside the repository (../shared/schemas/) on CI and these machines. */
    static Path samSchema() {
        return root().resolve("../shared/schemas/sam.schema.json").normalize();
    }

    static Path resource(String name) {
        try {
            return Path.of(RepoFiles.class.getResource("/template/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource /template/" + name + " missing", e);
        }
    }
}
