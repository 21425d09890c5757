package io.flightpath.shadow.proxy;

import java.io.IOException;

/** An upstream body over the bound Shadow holds in memory; the connection it came on is then closed. */
final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
        super("the body is over the bound");
    }
}
