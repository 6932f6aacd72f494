package io.kubenest.opensearch;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One OpenSearch node for development and tests, in this JVM.
 *
 * <pre>java -cp ... io.kubenest.opensearch.EngineMain --data-dir DIR --port 9201 [--cluster-name kubenest]</pre>
 *
 * Listens on 127.0.0.1 only, keeps everything under DIR (so a restart with the same DIR keeps
 * the data), and stops cleanly on SIGTERM/SIGINT: the shutdown hook closes the node, which
 * flushes its shards.
 */
public final class EngineMain {
  private EngineMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String dataDir = require(options, "--data-dir");
    int port = Integer.parseInt(require(options, "--port"));
    String clusterName = options.getOrDefault("--cluster-name", "kubenest");

    OpenSearchRunner runner = new OpenSearchRunner();
    runner.onBuild((number, settings) -> {
      settings.put("network.host", "127.0.0.1");
      // Set here, the runner keeps it: it only looks for the next free port when none is given.
      settings.put("http.port", port);
      // Loopback only; any free port, since nothing but this node speaks the transport protocol.
      settings.put("transport.port", "0");
      // A shared development disk often runs past the default 85/90/95 % watermarks, and the
      // flood stage makes every index read-only: a dev engine must keep accepting logs.
      settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
      // Warnings and errors only, but the node's own lifecycle lines (starting, started, stopping).
      settings.put("logger.level", "WARN");
      settings.put("logger.org.opensearch.node.Node", "INFO");
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        runner.close();
      } catch (Exception e) {
        System.err.println("kubenest-opensearch: closing the node failed: " + e);
      } finally {
        stopped.countDown();
      }
    }, "kubenest-opensearch-stop"));
    // useLogger: the runner's own banner goes through the node's logger (warnings only) instead of stdout.
    runner.build(newConfigs().basePath(dataDir).numOfNode(1).clusterName(clusterName).useLogger().printOnFailure());
    System.err.println("kubenest-opensearch: listening on http://127.0.0.1:" + port + " (data: " + dataDir + ")");
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
      }
      options.put(args[i], args[++i]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) throw new IllegalArgumentException(name + " is required");
    return value;
  }
}
