package io.flightpath.app;

import io.flightpath.core.FlightpathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding credentials: readable by their owner only, replaced atomically. */
final class PrivateFiles {
    private PrivateFiles() {
    }

    static void write(Path file, byte[] content) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw FlightpathException.internal("cannot write %s: %s", file, e.getMessage());
        }
    }
}
