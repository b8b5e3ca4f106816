// Launcher for mongo-java-server (de.bwaldvogel), which ships no main class of its own.
//
//   java -cp '.cache/engines/mongo/lib/*' infra/local/MongoWireServer.java \
//        --port 27027 --backend h2 --file .cache/data/dev/mongo.h2
//
// Backends: memory (tests), compact (memory with shared strings, CompactMemoryBackend.java: the scale
// bench's large tenants), h2 (MVStore file on disk: the dev profile).
//
// (infra/local/engines.js compiles it once into .cache/engines/launchers/classes instead,
// which saves the in-memory compile on every start.)
//
// Binds 127.0.0.1 only, prints one "ready" line on stdout once the socket is bound, and on
// SIGTERM/SIGINT shuts the server down cleanly: MongoServer.shutdown() closes the backend,
// and for H2 that is MVStore.close(), which commits and flushes the file.

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.File;
import java.util.concurrent.CountDownLatch;

public final class MongoWireServer {

    private static void usage(String problem) {
        System.err.println("MongoWireServer: " + problem);
        System.err.println("usage: MongoWireServer [--host 127.0.0.1] --port N --backend memory|compact|h2 [--file PATH (h2 only)] [--oplog]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = -1;
        String backendName = "memory";
        String file = null;
        boolean oplog = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = value == null ? -1 : Integer.parseInt(value);
                case "--backend" -> backendName = value;
                case "--file" -> file = value;
                case "--oplog" -> { oplog = true; continue; } // the only flag without a value
                default -> usage("unknown argument " + args[i]);
            }
            i++; // every other option takes a value
        }
        if (host == null || port <= 0 || port > 65535) usage("--port is required (1..65535)");

        MongoBackend backend = openBackend(backendName, file);
        MongoServer server = new MongoServer(backend);
        // The oplog is what mongo-java-server builds change streams (collection.watch()) on;
        // off by default because it keeps every write in memory as well.
        if (oplog) server.enableOplog();
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            // e.g. port already in use: release the H2 file lock before dying
            System.err.println("MongoWireServer: cannot bind " + host + ":" + port + ": " + e);
            backend.close();
            System.exit(1);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // stops listening, closes connections, closes (commits) the backend
            System.out.println("MongoWireServer stopped");
            System.out.flush();
            stopped.countDown();
        }, "mongo-wire-shutdown"));

        System.out.println("MongoWireServer ready on mongodb://" + host + ":" + port + " backend=" + backendName
                + (file != null && "h2".equals(backendName) ? " file=" + new File(file).getAbsolutePath() : ""));
        System.out.flush();

        // Keep main alive explicitly rather than relying on Netty's threads being non-daemon.
        stopped.await();
    }

    private static MongoBackend openBackend(String name, String file) {
        if ("memory".equals(name)) return new MemoryBackend();
        if ("compact".equals(name)) return new CompactMemoryBackend();
        if ("h2".equals(name)) {
            if (file == null) usage("--backend h2 needs --file PATH");
            File parent = new File(file).getAbsoluteFile().getParentFile();
            if (parent != null) parent.mkdirs();
            return new H2Backend(file);
        }
        usage("--backend must be memory, compact or h2, not " + name);
        return null; // unreachable
    }
}
