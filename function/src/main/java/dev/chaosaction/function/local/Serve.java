package dev.chaosaction.function.local;

import dev.chaosaction.function.ChaosFunction;
import dev.chaosaction.function.ChaosHandler;
import dev.chaosaction.function.FunctionConfig;
import java.io.IOException;
import java.net.BindException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar chaos-function.jar serve [--port 9001] [--journal-dir DIR | --s3-endpoint URL --bucket B]
 * [--prefix P] [--timeout SECONDS]}: the function behind the Lambda Invoke API on 127.0.0.1. The flags become
 * the environment variables the function reads in Lambda ({@link FunctionConfig}); with neither a directory nor
 * a bucket, journals go to {@code ./journals}. Credentials for an S3 endpoint come from the usual AWS places
 * ({@code AWS_ACCESS_KEY_ID}, a profile, ...). Kept apart from the handler: Lambda never loads this class.
 * <p>
 * It prints a token that every request must carry as its access key id ({@link InvokeServer}); a mistake on the
 * command line or in the environment (a port in use, a bad endpoint) is one line on stderr, never a stack trace.
 */
public final class Serve {
    static final String USAGE = "usage: serve [--port 9001] [--journal-dir DIR | --s3-endpoint URL --bucket B]"
            + " [--prefix P] [--timeout SECONDS]";

    /** The parsed command line. */
    record Options(int port, Duration timeout, Map<String, String> env) {
        static Options parse(String[] args, Map<String, String> environment) {
            if (args.length == 0 || !"serve".equals(args[0])) throw new IllegalArgumentException(USAGE);
            int port = 9001;
            Duration timeout = Duration.ofSeconds(900);
            Map<String, String> env = new HashMap<>(environment);
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
                String value = args[i + 1];
                switch (args[i]) {
                    case "--port" -> port = number(args[i], value);
                    case "--timeout" -> timeout = Duration.ofSeconds(number(args[i], value));
                    case "--journal-dir" -> env.put(FunctionConfig.JOURNAL_DIR, value);
                    case "--s3-endpoint" -> env.put(FunctionConfig.S3_ENDPOINT, value);
                    case "--bucket" -> env.put(FunctionConfig.JOURNAL_BUCKET, value);
                    case "--prefix" -> env.put(FunctionConfig.JOURNAL_PREFIX, value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (env.containsKey(FunctionConfig.JOURNAL_DIR) && env.containsKey(FunctionConfig.JOURNAL_BUCKET)) {
                throw new IllegalArgumentException("give --journal-dir or --bucket, not both\n" + USAGE);
            }
            if (!env.containsKey(FunctionConfig.JOURNAL_DIR) && !env.containsKey(FunctionConfig.JOURNAL_BUCKET)) {
                env.put(FunctionConfig.JOURNAL_DIR, "journals");
            }
            return new Options(port, timeout, env);
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + value + "'\n" + USAGE);
            }
        }
    }

    private Serve() {}

    public static void main(String[] args) {
        PrintStream err = System.err;
        if (args.length == 2 && "serve".equals(args[0]) && List.of("--help", "-h").contains(args[1])) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        ChaosHandler handler;
        try {
            options = Options.parse(args, System.getenv());
            // Your own machine: experiments may reach loopback (still not metadata or link-local addresses).
            handler = new ChaosHandler(ChaosFunction.fromEnvironment(options.env(), true));
        } catch (RuntimeException e) { // a usage error, or a setting the function refuses
            err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        String token = InvokeServer.newToken();
        InvokeServer server;
        try {
            server = new InvokeServer(handler, options.port(), options.timeout(), System.out::println, token);
        } catch (BindException e) {
            err.println("error: cannot listen on 127.0.0.1:" + options.port() + " (" + e.getMessage()
                    + "); is another serve running? Pick another --port");
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot start the Invoke API: " + e.getMessage());
            System.exit(1);
            return;
        }
        err.println("Lambda Invoke API on " + server.url() + " (POST " + InvokeServer.PREFIX
                + "{name}/invocations); stop with Ctrl-C");
        err.println("Token: " + token + " (send it as the access key id: export AWS_ACCESS_KEY_ID=" + token + ")");
    }
}
