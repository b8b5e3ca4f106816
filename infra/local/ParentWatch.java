// Runs another Java main class and ties the JVM's life to its parent process.
//
//   java -Dparentwatch.stdin=true -cp ... ParentWatch kafka.Kafka server.properties
//
// infra/local/engines.js starts the engines with a pipe on their stdin. When the Node parent
// goes away in any way (exit, crash, SIGKILL), the kernel closes its end of the pipe and this
// thread reads EOF; System.exit(0) then runs the engine's own shutdown hooks, so Kafka shuts
// down cleanly and the Mongo H2 file is flushed. Without -Dparentwatch.stdin=true it is a
// plain pass-through (handy when running the engine by hand with no stdin).

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

public final class ParentWatch {

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ParentWatch <main-class> [args...]");
            System.exit(2);
        }
        if (Boolean.getBoolean("parentwatch.stdin")) watchStdin();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; ignore anything that arrives
                }
            } catch (IOException ignored) {
                // a broken pipe means the same thing as EOF
            }
            System.err.println("ParentWatch: parent process is gone (stdin closed); shutting down");
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
