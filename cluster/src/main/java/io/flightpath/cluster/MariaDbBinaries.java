package io.flightpath.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The installed MariaDB server programs. On Debian or Ubuntu, as root, a missing server is
 * installed with apt (the packaged server is the one we test against); anywhere else a missing
 * server is one clear error that says what to install.
 */
public record MariaDbBinaries(Path server, Path installDb) {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
            "/usr/local/bin", "/usr/local/mysql/bin", "/opt/mariadb/bin");

    public static MariaDbBinaries locate(Consumer<String> progress) {
        Optional<MariaDbBinaries> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (Processes.isRoot() && Files.exists(Path.of("/etc/debian_version")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            progress.accept("MariaDB server not found: installing the mariadb-server package with apt-get");
            aptInstall();
            return find().orElseThrow(() -> new ClusterException("apt-get installed mariadb-server but mariadbd is still not found"));
        }
        throw new ClusterException("MariaDB server not found: install the mariadb-server package "
                + "(Debian/Ubuntu: apt-get install mariadb-server) or put mariadbd and mariadb-install-db on PATH");
    }

    static Optional<MariaDbBinaries> find() {
        Optional<Path> server = which("mariadbd").or(() -> which("mysqld"));
        Optional<Path> installDb = which("mariadb-install-db").or(() -> which("mysql_install_db"));
        if (server.isPresent() && installDb.isPresent()) {
            return Optional.of(new MariaDbBinaries(server.get(), installDb.get()));
        }
        return Optional.empty();
    }

    private static Optional<Path> which(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SYSTEM_DIRS);
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void aptInstall() {
        run(List.of("apt-get", "update", "-q"));
        run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "mariadb-server"));
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new ClusterException(String.join(" ", command) + " failed with exit code " + rc);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
