package io.flightpath.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** MariaDB's client programs (mariadb-dump, mariadb), found on PATH or in the usual system folders as the server is. */
final class ClientPrograms {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/mariadb/bin");

    private ClientPrograms() {
    }

    /** The first of {@code names} found; fails naming the package to install. */
    static Path find(String... names) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SYSTEM_DIRS);
        for (String name : names) {
            for (String dir : dirs) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name);
                }
            }
        }
        throw new IllegalStateException(String.join(" or ", names) + " not found: install the mariadb-client package");
    }
}
