package gomd.rgs.internal;

/**
 * The ports membership uses, derived from the console port so that admins only ever name the
 * console port: an instance with console port N uses N+4 for membership (JGroups TCP or UDP)
 * and N+5 for the failure-detection sockets (FD_SOCK2).
 */
public final class Ports {

    /** The seed's console port. */
    public static final int DEFAULT_CONSOLE_PORT = 9889;
    /** Membership port = console port + this. */
    public static final int MEMBERSHIP_OFFSET = 4;
    /** Failure-detection port = membership port + this. */
    public static final int FAILURE_DETECTION_OFFSET = 1;

    private Ports() {
    }

    public static int membershipPort(int consolePort) {
        return check(consolePort + MEMBERSHIP_OFFSET);
    }

    /** Returns the port if it is 1..65535, else throws. */
    public static int check(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
        return port;
    }
}
