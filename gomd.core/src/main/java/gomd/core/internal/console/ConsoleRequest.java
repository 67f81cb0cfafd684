package gomd.core.internal.console;

import java.net.InetAddress;
import java.util.List;

import gomd.core.api.FrontEnd;
import gomd.core.api.Request;

/** A request line read from a console session. */
record ConsoleRequest(String command, List<String> args, String line, InetAddress callerAddress, String principal)
        implements Request {

    ConsoleRequest {
        args = List.copyOf(args);
    }

    @Override
    public FrontEnd frontEnd() {
        return FrontEnd.CONSOLE;
    }
}
