package gomd.core.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command that every gomd front end offers: the line console, the Karaf shell
 * ({@code gomd:NAME}) and remote clients. Register it as a service with
 * {@link CommandProperties} (or the {@code gomd.command.*} properties below).
 *
 * <p>The command writes its answer to the {@link Reply} as it goes, so long answers stream;
 * it reports a failure by throwing {@link CommandException}. Core has already checked the
 * caller's {@link Permission} before {@code execute} is called.
 */
@ConsumerType
public interface Command {

    /** Service property: the command name, the first word of a request line (required). */
    String NAME = "gomd.command.name";
    /** Service property: one line of usage, e.g. {@code get SOURCE [ARG...]}. */
    String SYNOPSIS = "gomd.command.synopsis";
    /** Service property: what the command does, shown by {@code help NAME}; a String or a String[] of lines. */
    String HELP = "gomd.command.help";
    /** Service property: the {@link Permission} name the caller needs (default STATS_READ). */
    String PERMISSION = "gomd.command.permission";

    void execute(Request request, Reply reply) throws CommandException;
}
